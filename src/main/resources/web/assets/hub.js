// Shared by the board and the admin page: the session (role, CSRF token) and JSON calls to the API.
export let session = { role: 'viewer', csrfToken: null };

export async function loadSession() {
  session = await getJson('/api/session');
  return session;
}

export async function getJson(path) {
  const response = await fetch(path, { credentials: 'same-origin' });
  if (response.status === 401) {
    window.location.assign('/login');
    throw new Error('logged out');
  }
  if (!response.ok) {
    throw new Error((await errorText(response)) || ('HTTP ' + response.status));
  }
  return response.json();
}

/** A PUT with the CSRF token; the answer's JSON, or an Error holding the server's error text. */
export async function putJson(path, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (session.csrfToken) {
    headers['X-CSRF-Token'] = session.csrfToken;
  }
  const response = await fetch(path, { method: 'PUT', credentials: 'same-origin', headers, body: JSON.stringify(body) });
  if (!response.ok) {
    throw new Error((await errorText(response)) || ('HTTP ' + response.status));
  }
  return response.json();
}

async function errorText(response) {
  try {
    return (await response.json()).error;
  } catch (e) {
    return null;
  }
}

/** An element with attributes and children (text or elements). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      element.append(child);
    }
  }
  return element;
}

export function localTime(seconds) {
  return new Date(seconds * 1000).toLocaleString();
}

/** "back in 2 h" and the like, for a return time in Unix seconds. */
export function backIn(seconds, now = Date.now()) {
  const minutes = Math.round((seconds * 1000 - now) / 60000);
  if (minutes <= 0) {
    return 'was due ' + (minutes === 0 ? 'now' : ago(-minutes));
  }
  if (minutes < 60) {
    return 'back in ' + minutes + ' min';
  }
  const hours = Math.round(minutes / 60);
  return hours < 48 ? 'back in ' + hours + ' h' : 'back in ' + Math.round(hours / 24) + ' days';
}

function ago(minutes) {
  if (minutes < 60) {
    return minutes + ' min ago';
  }
  const hours = Math.round(minutes / 60);
  return hours < 48 ? hours + ' h ago' : Math.round(hours / 24) + ' days ago';
}
