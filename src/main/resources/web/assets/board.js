// The presence board: a page of users from GET /api/users, kept live by GET /api/events.
import { loadSession, getJson, putJson, session } from './hub.js';
import { renderGroups, renderRow, userKey } from './board-rows.js';

const PAGE = 200;
// arrived: the events received while a page is being fetched, applied again over it when newer
const view = { offset: 0, total: 0, users: new Map(), arrived: null };
let statuses = new Map();
let editing = null;
const $ = (id) => document.getElementById(id);

async function loadPage() {
  const query = new URLSearchParams({ offset: view.offset, limit: PAGE });
  if ($('filter-text').value.trim()) {
    query.set('q', $('filter-text').value.trim());
  }
  if ($('filter-status').value) {
    query.set('status', $('filter-status').value);
  }
  const arrived = new Map();
  view.arrived = arrived;
  const page = await getJson('/api/users?' + query);
  if (view.arrived !== arrived) {
    return; // a later load is under way
  }
  view.arrived = null;
  view.total = page.total;
  view.users = new Map(page.users.map((u) => [userKey(u), u]));
  renderGroups($('groups'), page.users, openEditor);
  for (const [key, user] of arrived) {
    if (view.users.has(key) && user.changedAt >= view.users.get(key).changedAt) {
      updateUser(user);
    }
  }
  const last = Math.min(view.offset + page.users.length, page.total);
  $('page-info').textContent = page.total === 0 ? '0 users' : (view.offset + 1) + '–' + last + ' of ' + page.total;
  $('prev').disabled = view.offset === 0;
  $('next').disabled = view.offset + PAGE >= page.total;
}

async function loadStatuses() {
  const answer = await getJson('/api/statuses');
  statuses = new Map(answer.tenants.map((t) => [t.location + '/' + t.tenant, t.statuses]));
  const names = [...new Set(answer.tenants.flatMap((t) => t.statuses.map((s) => s.name)))].sort();
  const select = $('filter-status');
  const chosen = select.value;
  select.replaceChildren(new Option('any status', ''), ...names.map((n) => new Option(n, n)));
  select.value = names.includes(chosen) ? chosen : '';
}

function updateUser(user) {
  const key = userKey(user);
  if (view.arrived) {
    view.arrived.set(key, user);
  }
  if (!view.users.has(key)) {
    return;
  }
  view.users.set(key, user);
  const row = document.querySelector('tr[data-user="' + CSS.escape(key) + '"]');
  if (row) {
    row.replaceWith(renderRow(user, openEditor));
  }
  if (editing && userKey(editing) === key) {
    editing = user;
  }
}

function listen() {
  const events = new EventSource('/api/events');
  let broken = false;
  events.addEventListener('open', () => {
    $('live').textContent = 'Live';
    if (broken) {
      reloadAll();
    }
    broken = false;
  });
  events.addEventListener('state', (e) => updateUser(JSON.parse(e.data)));
  events.addEventListener('directory', () => reloadAll());
  events.addEventListener('reset', () => reloadAll());
  events.addEventListener('error', () => {
    broken = true;
    $('live').textContent = 'Connection lost, reconnecting…';
    if (events.readyState === EventSource.CLOSED) {
      // refused (e.g. the session ended with a restart): check the session, then start again
      setTimeout(() => loadSession().then(() => { listen(); reloadAll(); }).catch(() => setTimeout(listen, 5000)), 3000);
    }
  });
}

function reloadAll() {
  loadStatuses().then(loadPage).catch((e) => { $('live').textContent = 'Reload failed: ' + e.message; });
}

function openEditor(user) {
  editing = user;
  $('editor').hidden = false;
  $('editor-title').textContent = 'Edit ' + user.name + ' (' + user.location + ' · ' + user.tenant + ')';
  const select = $('edit-status');
  const list = statuses.get(user.location + '/' + user.tenant) || [];
  select.replaceChildren(...list.map((s) => new Option(s.name + ' (' + s.type + ')', s.name)));
  select.value = user.status.name;
  $('edit-note').value = user.note;
  $('edit-return').value = user.returnTime > 0 ? localInput(user.returnTime) : '';
  for (const id of ['error-status', 'error-note', 'error-return']) {
    $(id).textContent = '';
  }
  $('editor-title').focus();
}

function localInput(seconds) {
  const date = new Date(seconds * 1000);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

function save(field, errorId, body) {
  const user = editing;
  const path = '/api/users/' + [user.location, user.tenant, user.defaultExtension].map(encodeURIComponent).join('/') + '/' + field;
  $(errorId).textContent = '';
  putJson(path, body).then(updateUser).catch((e) => { $(errorId).textContent = e.message; });
}

function wire() {
  let typing = null;
  $('filter-text').addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => { view.offset = 0; loadPage(); }, 250);
  });
  $('filter-status').addEventListener('change', () => { view.offset = 0; loadPage(); });
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  $('prev').addEventListener('click', () => { view.offset = Math.max(0, view.offset - PAGE); loadPage(); });
  $('next').addEventListener('click', () => { view.offset += PAGE; loadPage(); });
  $('save-status').addEventListener('click', () => save('status', 'error-status', { status: $('edit-status').value }));
  $('save-note').addEventListener('click', () => save('note', 'error-note', { note: $('edit-note').value }));
  $('save-return').addEventListener('click', () => {
    const text = $('edit-return').value;
    save('return-time', 'error-return', { returnTime: text ? Math.floor(new Date(text).getTime() / 1000) : 0 });
  });
  $('close-editor').addEventListener('click', () => { $('editor').hidden = true; editing = null; });
}

async function start() {
  wire();
  await loadSession();
  $('admin-link').hidden = false;
  document.body.dataset.role = session.role;
  listen();
  await loadStatuses();
  await loadPage();
  document.body.dataset.ready = 'true';
}

start().catch((e) => { $('live').textContent = 'Could not load the board: ' + e.message; });
