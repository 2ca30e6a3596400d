// Sign-in: checks the user name and password with GET /api/me, keeps the Basic header for the session, and on a
// first start (mustChangePassword) asks for a new password (PUT /api/me/password) before anything else.
import { t } from '../i18n.js';
import { basicHeader, call, session } from '../api.js';
import { h } from '../dom.js';

export async function render(main) {
  const message = h('p', { id: 'signin-message', class: 'error', role: 'alert' });
  const user = h('input', { id: 'signin-user', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'signin-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'form', id: 'signin-form' },
    h('h1', {}, t('signin.title')),
    h('label', { for: 'signin-user' }, t('signin.user')), user,
    h('label', { for: 'signin-password' }, t('signin.password')), password,
    h('button', { type: 'submit', id: 'signin-submit' }, t('signin.submit')),
    message);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    message.textContent = '';
    const header = basicHeader(user.value, password.value);
    try {
      const me = await call('/api/me', { auth: header });
      if (me.mustChangePassword) {
        main.replaceChildren(changePassword(user.value, password.value, main));
        return;
      }
      session.signIn(header, me);
      location.hash = '#/search';
    } catch (e) {
      message.textContent = e.status === 429 ? t('signin.throttled', { s: e.retryAfter ?? '…' }) : t('signin.failed');
    }
  });
  main.append(form);
  user.focus();
}

function changePassword(username, oneTime, main) {
  const message = h('p', { class: 'error', role: 'alert' });
  const fresh = h('input', { id: 'new-password', type: 'password', autocomplete: 'new-password', minlength: 12, maxlength: 200, required: true });
  const form = h('form', { class: 'form', id: 'password-form' },
    h('h1', {}, t('password.title')), h('p', {}, t('password.why')),
    h('label', { for: 'new-password' }, t('password.new')), fresh,
    h('button', { type: 'submit' }, t('password.submit')), message);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await call('/api/me/password', { method: 'PUT', auth: basicHeader(username, oneTime),
        body: { currentPassword: oneTime, password: fresh.value } });
      const header = basicHeader(username, fresh.value);
      session.signIn(header, await call('/api/me', { auth: header }));
      location.hash = '#/search';
    } catch (e) {
      message.textContent = e.message;
    }
  });
  queueMicrotask(() => fresh.focus());
  return form;
}
