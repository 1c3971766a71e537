// The admin page: each connector's state (GET /api/admin/connectors) and the recent decisions
// (GET /api/admin/decisions?user=&limit=500), filterable by user.
import { getJson, el, loadSession } from './hub.js';

const $ = (id) => document.getElementById(id);

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '–';
}

function text(value) {
  return value === null || value === undefined || value === '' ? '–' : String(value);
}

function card(title, facts) {
  const list = el('dl', { class: 'facts' });
  for (const [name, value] of facts) {
    list.append(el('dt', {}, name), el('dd', {}, value instanceof Node ? value : text(value)));
  }
  return el('section', { 'data-connector': title }, el('h3', {}, title), list);
}

function items(list, format) {
  return list.length === 0 ? 'none' : el('ul', {}, ...list.map((item) => el('li', {}, format(item))));
}

function renderConnectors(c) {
  const ami = c.asterisk;
  const teams = c.teams;
  const clients = c.statusInterface;
  const directory = c.directory;
  $('connectors').replaceChildren(
    card('Asterisk (AMI)', [['State', ami.state], ['Host', ami.address], ['Connected since', when(ami.connectedSince)],
      ['Events/s (last minute)', ami.eventsPerSecond.toFixed(1)], ['Reconnects', ami.reconnects],
      ['Last error', ami.lastError ? ami.lastError + (ami.lastErrorAt ? ' (' + when(ami.lastErrorAt) + ')' : '') : null],
      ['Writes owed', ami.writesOwed]]),
    card('Microsoft Teams', [['State', teams.state], ['Token', teams.token], ['Users matched', teams.usersMatched],
      ['Unmatched e-mails', items(teams.unmatched, (u) => u.user + ': ' + u.email)],
      ['Duplicate e-mails', items(teams.duplicates, (d) => d.email + ': ' + d.users.join(', '))],
      ['Budget in use', teams.budgetInUse + ' of ' + teams.budgetLimit], ['Last 429', when(teams.lastThrottled)],
      ['Push', teams.push]]),
    card('Status interface', [['Clients', clients.connected], ['Addresses', items(clients.addresses, (a) => a)]]),
    card('Directory', [['File', directory.file], ['Last reload', when(directory.lastReload)],
      ['Last rejection', directory.lastRejection ? directory.lastRejection + ' (' + when(directory.lastRejectedAt) + ')' : 'none']]));
  $('updated').textContent = 'as of ' + new Date().toLocaleTimeString();
}

async function loadConnectors() {
  renderConnectors(await getJson('/api/admin/connectors'));
}

async function loadDecisions() {
  const query = new URLSearchParams({ limit: 500 });
  const user = $('decision-user').value.trim();
  if (user) {
    query.set('user', user);
  }
  $('decision-error').textContent = '';
  let decisions;
  try {
    decisions = await getJson('/api/admin/decisions?' + query);
  } catch (e) {
    $('decision-error').textContent = e.message;
    return;
  }
  const body = $('decisions').querySelector('tbody');
  body.replaceChildren(...decisions.map((d) => el('tr', { 'data-sequence': d.sequence },
    el('td', {}, when(d.at)), el('td', { class: 'user' }, text(d.user)), el('td', {}, d.world),
    el('td', { class: 'reason' }, d.reason))));
  if (decisions.length === 0) {
    body.append(el('tr', {}, el('td', { colspan: 4 }, 'No decision recorded.')));
  }
}

async function refresh() {
  await Promise.all([loadConnectors(), loadDecisions()]);
}

async function start() {
  $('refresh').addEventListener('click', () => refresh());
  $('decision-filter').addEventListener('submit', (e) => { e.preventDefault(); loadDecisions(); });
  await loadSession();
  await refresh();
  setInterval(() => loadConnectors().catch(() => {}), 5000);
  document.body.dataset.ready = 'true';
}

start().catch((e) => { $('updated').textContent = 'Could not load: ' + e.message; });
