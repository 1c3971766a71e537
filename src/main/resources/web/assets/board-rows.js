// The board's rows: one table per location and tenant, one row per user, replaced in place on a change.
import { el, localTime, backIn, session } from './hub.js';

export function userKey(user) {
  return user.location + '/' + user.tenant + '/' + user.userId;
}

/** The tables of a page of users, grouped by location and tenant in the order they come. */
export function renderGroups(container, users, onEdit) {
  container.replaceChildren();
  let body = null;
  let group = null;
  for (const user of users) {
    const name = user.location + ' · ' + user.tenant;
    if (name !== group) {
      group = name;
      body = el('tbody');
      const headers = ['Name', 'Extensions', 'Status', 'Note', 'Return', 'Changed'];
      if (session.role === 'admin') {
        headers.push('Edit');
      }
      container.append(el('section', { class: 'group' }, el('h2', {}, name),
        el('table', {}, el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, h)))), body)));
    }
    body.append(renderRow(user, onEdit));
  }
  if (users.length === 0) {
    container.append(el('p', {}, 'No user matches.'));
  }
}

export function renderRow(user, onEdit) {
  const row = el('tr', { 'data-user': userKey(user), 'data-status': user.status.name });
  row.append(el('th', { scope: 'row', class: 'name' }, user.name));
  row.append(el('td', { class: 'extensions' }, user.extensions.join(', ')));
  const calls = [];
  if (user.onThePhone) {
    calls.push('on the phone');
  }
  if (user.inTeamsCall) {
    calls.push('in a Teams call');
  }
  row.append(el('td', { class: 'status' },
    el('span', { class: 'badge type-' + user.status.type, title: 'type: ' + user.status.type }, user.status.name),
    calls.length ? el('span', { class: 'call' }, calls.join(', ')) : null));
  row.append(el('td', { class: 'note' }, user.note));
  row.append(el('td', { class: 'return' }, user.returnTime > 0
    ? el('span', {}, el('time', { datetime: new Date(user.returnTime * 1000).toISOString() }, localTime(user.returnTime)),
      el('span', { class: 'back-in' }, backIn(user.returnTime)))
    : ''));
  row.append(el('td', { class: 'origin' }, 'by ' + user.statusOrigin.replace('_', ' '),
    user.changedAt > 0 ? el('span', { class: 'since' }, 'since ' + localTime(user.changedAt)) : null));
  if (session.role === 'admin') {
    const button = el('button', { type: 'button', class: 'edit', 'aria-label': 'Edit ' + user.name }, 'Edit');
    button.addEventListener('click', () => onEdit(user));
    row.append(el('td', {}, button));
  }
  return row;
}
