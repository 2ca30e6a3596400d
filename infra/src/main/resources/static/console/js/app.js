// The console's shell: a hash router (#/signin, #/search, #/customer/{id}, #/opportunity/{id}, #/projections),
// the language switch and the signed-in user. Each page is a module with render(main, route).
import { language, setLanguage, translate, t } from './i18n.js';
import { session } from './api.js';
import { clear, h } from './dom.js';
import * as signin from './pages/signin.js';
import * as search from './pages/search.js';
import * as customer from './pages/customer.js';
import * as opportunity from './pages/opportunity.js';
import * as projections from './pages/projections.js';

const PAGES = { signin, search, customer, opportunity, projections };

/** '#/customer/c-1?asOf=…' → {page: 'customer', id: 'c-1', params: URLSearchParams}. */
export function parseRoute(hash) {
  const [path, query] = (hash.replace(/^#\/?/, '') || 'search').split('?');
  const [page, ...rest] = path.split('/');
  return { page, id: rest.length ? decodeURIComponent(rest.join('/')) : null, params: new URLSearchParams(query || '') };
}

function render() {
  const main = document.getElementById('view');
  let route = parseRoute(location.hash);
  if (!session.auth && route.page !== 'signin') {
    location.hash = '#/signin';
    return;
  }
  if (!PAGES[route.page]) route = parseRoute('#/search');
  shell();
  clear(main);
  PAGES[route.page].render(main, route).catch(e => {
    main.append(h('p', { class: 'error', role: 'alert' }, e.status === 403 ? t('forbidden') : `${t('error')}: ${e.message}`));
  });
}

function shell() {
  const me = session.me;
  const signedIn = Boolean(session.auth && me);
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('sign-out').hidden = !signedIn;
  document.getElementById('nav-projections').hidden = !(session.hasRole('ADMIN') || session.hasRole('AUDITOR'));
  document.getElementById('who').textContent = signedIn ? (me.name || me.id) : '';
  translate();
}

function start() {
  const select = document.getElementById('lang');
  select.value = language();
  select.addEventListener('change', () => { setLanguage(select.value); render(); });
  document.getElementById('sign-out').addEventListener('click', () => {
    session.signOut();
    location.hash = '#/signin';
  });
  window.addEventListener('hashchange', render);
  render();
}

start();
