// Every API call signs in with the Basic header kept in sessionStorage (the API has no session or cookie).
// A 401 drops it and returns to sign-in.

const KEY = 'kehu.auth';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** "Basic …" for a user name and password as UTF-8 (btoa alone takes Latin-1 only; 张伟 is a valid user name). */
export function basicHeader(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  bytes.forEach(b => { binary += String.fromCharCode(b); });
  return 'Basic ' + btoa(binary);
}

export const session = {
  get auth() { return sessionStorage.getItem(KEY); },
  signIn(header, me) { sessionStorage.setItem(KEY, header); sessionStorage.setItem('kehu.me', JSON.stringify(me)); },
  get me() { try { return JSON.parse(sessionStorage.getItem('kehu.me')); } catch { return null; } },
  signOut() { sessionStorage.removeItem(KEY); sessionStorage.removeItem('kehu.me'); },
  hasRole(role) { return (this.me?.roles || []).includes(role); },
};

/**
 * fetch with the session's credentials. credentials 'omit' keeps the browser from showing its own Basic dialog on
 * a 401 (the Fetch standard prompts only when credentials are included).
 */
export async function call(path, { method = 'GET', body, headers = {}, auth = session.auth, accept = 'application/json', raw = false } = {}) {
  const init = { method, credentials: 'omit', headers: { Accept: accept, ...headers } };
  if (auth) init.headers.Authorization = auth;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401 && auth === session.auth) {
    session.signOut();
    location.hash = '#/signin';
  }
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not JSON */ }
    const error = new ApiError(response.status, problem);
    error.retryAfter = response.headers.get('Retry-After');
    throw error;
  }
  if (raw) return response;
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export function q(params) {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') search.append(k, v);
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}
