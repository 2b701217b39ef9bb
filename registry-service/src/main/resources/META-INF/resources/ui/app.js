// Account → Webhooks: the registry's own REST API (/api/v1), driven from the browser. No
// framework and no build step: a hash router and small view functions. Every value from the API
// reaches the page as text (el() sets textContent), never as HTML.

const KEY = 'statalog.apiKey';
const SVG = 'http://www.w3.org/2000/svg';
const main = document.getElementById('main');
const progress = document.getElementById('progress');

// ---- helpers -------------------------------------------------------------------------------

function el(tag, attributes = {}, ...children) {
  return fill(document.createElement(tag), attributes, children);
}

function svg(tag, attributes = {}, ...children) {
  return fill(document.createElementNS(SVG, tag), attributes, children);
}

function fill(node, attributes, children) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'className') node.setAttribute('class', value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...present(children).map((child) => (child instanceof Node ? child : document.createTextNode(String(child)))));
  return node;
}

/** What a view passes as content, without the absent parts (a null must not print as "null"). */
function present(children) {
  return children.flat(Infinity).filter((child) => child !== undefined && child !== null && child !== false && child !== '');
}

function announce(text) {
  const region = document.getElementById('announce');
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}

/** Shows a view: the navigation that led here has finished loading. */
function show(title, ...content) {
  document.title = `${title} · Statalog`;
  main.replaceChildren(...present(content));
  loading(false);
  main.focus();
}

/** The loading state between pages: a bar at the top, and the old page marked busy and dimmed. */
function loading(busy) {
  progress.hidden = !busy;
  if (busy) main.setAttribute('aria-busy', 'true');
  else main.removeAttribute('aria-busy');
}

function isCurrent(token) {
  return token === navigation;
}

function crumbs(...parts) {
  document.getElementById('crumbs').replaceChildren(...present(parts).flatMap((part, i) => (i ? [' → ', part] : [part])));
}

const toList = () => el('a', { href: '#/' }, 'Webhooks');

class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

const UNREACHABLE = 'Statalog could not be reached. Check your connection, then try again.';

async function api(method, path, body, headers = {}) {
  let response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${sessionStorage.getItem(KEY)}`, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError(0, { detail: UNREACHABLE });
  }
  if (response.status === 401) {
    signOut('Your API key was not accepted. Sign in again.');
    throw new ApiError(401);
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { detail: `the server answered ${response.status} without a readable body` };
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

// read once per sign-in: the event catalogue (GET /event-types) and the account's sites (GET /sites)
let eventTypes = null;
let accountSites = null;
async function catalogue() {
  eventTypes ??= (await api('GET', '/event-types')).items;
  return eventTypes;
}
async function sites() {
  accountSites ??= (await api('GET', '/sites')).items.map((site) => site.site_id);
  return accountSites;
}

/** Counts navigations: a view that finishes loading after a newer one started is not shown. */
let navigation = 0;

/** A message for the next view to show (e.g. "Changes saved"), shown once and read out. */
let flash = null;
function flashNotice() {
  const message = flash;
  flash = null;
  if (!message) return null;
  // a live region inserted with its text is often not read: the page's announce region says it
  announce(message);
  return el('div', { className: 'notice ok', id: 'flash' }, message);
}

/** Runs an action from a button, showing its failure on the page instead of leaving it silent. */
function guarded(action) {
  return async (event) => {
    const button = event?.currentTarget;
    if (button) button.disabled = true;
    try {
      await action(event);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      const place = document.getElementById('page-problem');
      if (place) place.replaceChildren(problemNotice(error));
      announce(error.message);
    } finally {
      if (button && button.isConnected) button.disabled = false;
    }
  };
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const hourOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayOfWeek = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric' });
const dayAndHour = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

function when(instant) {
  return instant ? dateTime.format(new Date(instant)) : '';
}

function statusBadge(status) {
  return el('span', { className: `status ${status}` }, status);
}

/** What an attempt came to, in a few words: "500 (http_status)", "timeout", "200". */
function outcome(attempt) {
  if (attempt.status_code && attempt.error) return `${attempt.status_code} (${attempt.error})`;
  return String(attempt.status_code ?? attempt.error ?? 'no answer');
}

function describeAttempt(attempt) {
  const series = attempt.replay ? `replay ${attempt.replay}, ` : '';
  return `${series}attempt ${attempt.attempt}: ${outcome(attempt)}, ${attempt.duration_ms} ms, ${when(attempt.at)}`;
}

function confirmDialog(question, confirmLabel) {
  return new Promise((resolve) => {
    const dialog = el('dialog', { 'aria-labelledby': 'confirm-question' },
      el('p', { id: 'confirm-question' }, question),
      el('div', { className: 'actions' },
        el('button', { type: 'button', className: 'secondary', id: 'confirm-no', autofocus: true, onclick: () => { dialog.close(); resolve(false); } }, 'Cancel'),
        el('button', { type: 'button', className: 'danger', id: 'confirm-yes', onclick: () => { resolve(true); dialog.close(); } }, confirmLabel)));
    dialog.addEventListener('close', () => { dialog.remove(); resolve(false); });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** A fresh Idempotency-Key (crypto.randomUUID needs a secure context; getRandomValues does not). */
function idempotencyKey() {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function problemNotice(error) {
  return el('div', { className: 'notice bad', role: 'alert' }, error.message);
}

const pause = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/**
 * Reads again until {@code done} holds for what {@code read} answers, or 60 s have passed: the log
 * shows an attempt once the dispatcher has made it and the registry has read its record.
 */
async function readUntil(read, done) {
  const deadline = Date.now() + 60_000;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await pause(1000);
    value = await read();
  }
  return value;
}

function copyButton(id, label, text) {
  const result = el('span', { role: 'status', className: 'hint' });
  return [el('button', {
    type: 'button', id, className: 'secondary',
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(text());
        result.textContent = 'Copied.';
      } catch {
        result.textContent = 'Copying is not allowed here: select the text and copy it.';
      }
    },
  }, label), result];
}

// ---- sign in -------------------------------------------------------------------------------

let signInMessage = null;

function signOut(message) {
  sessionStorage.removeItem(KEY);
  eventTypes = null;
  accountSites = null;
  signInMessage = message ?? null;
  if (location.hash && location.hash !== '#/') location.hash = '#/';
  else signIn();
}

function signIn() {
  navigation += 1;
  const message = signInMessage;
  signInMessage = null;
  document.getElementById('sign-out').hidden = true;
  crumbs('Sign in');
  const input = el('input', { type: 'password', id: 'api-key', name: 'api-key', autocomplete: 'off', required: true, 'aria-describedby': 'api-key-hint' });
  const form = el('form', {
    onsubmit: async (event) => {
      event.preventDefault();
      sessionStorage.setItem(KEY, input.value.trim());
      route();
    },
  },
  el('div', { className: 'field' }, el('label', { for: 'api-key' }, 'Account API key'), input,
    el('p', { className: 'hint', id: 'api-key-hint' }, 'Kept in this browser tab only, until you sign out or close it.')),
  el('button', { type: 'submit', id: 'sign-in' }, 'Sign in'));
  show('Sign in', el('h1', {}, 'Sign in to Webhooks'), message ? el('div', { className: 'notice bad', role: 'alert' }, message) : null, form);
}

// ---- Account → Webhooks -------------------------------------------------------------------

async function listView() {
  const token = ++navigation;
  const webhooks = [];
  let cursor = null;
  do {
    const page = await api('GET', `/webhooks?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    webhooks.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  const rows = await Promise.all(webhooks.map(async (webhook) => {
    const last = await api('GET', `/webhooks/${webhook.id}/deliveries?limit=1`).catch(() => null);
    const delivery = last?.items[0];
    const lastAttempt = delivery?.attempts.at(-1);
    return el('tr', {},
      el('td', { 'data-label': 'Name' }, el('a', { href: `#/webhooks/${webhook.id}` }, webhook.name)),
      el('td', { 'data-label': 'URL', className: 'wrap' }, webhook.url),
      el('td', { 'data-label': 'Events' }, webhook.events.join(', ')),
      el('td', { 'data-label': 'Status' }, webhook.enabled ? statusBadge('enabled')
        : [statusBadge('disabled'), el('div', { className: 'hint' }, reasonText(webhook.disabled_reason))]),
      el('td', { 'data-label': 'Last delivery' }, delivery ? [statusBadge(delivery.status), ' ', lastAttempt ? outcome(lastAttempt) : '',
        delivery.test ? ' (Send Test)' : '', el('div', { className: 'hint' }, when(delivery.created_at))] : last ? 'none yet' : 'unavailable'));
  }));
  if (!isCurrent(token)) return;
  crumbs('Account', 'Webhooks');
  show('Webhooks',
    el('h1', {}, 'Webhooks'),
    flashNotice(),
    el('div', { className: 'actions' }, el('a', { className: 'button', href: '#/new', id: 'add-webhook' }, 'Add Webhook'),
      el('a', { className: 'button secondary', href: '#/api-keys', id: 'api-keys-link' }, 'API keys')),
    rows.length === 0 ? el('p', {}, 'No webhooks yet.')
      : el('table', { id: 'webhooks', className: 'responsive' },
        el('caption', { className: 'visually-hidden' }, 'Your webhooks'),
        el('thead', {}, el('tr', {}, ['Name', 'URL', 'Events', 'Status', 'Last delivery'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, rows)));
}

// ---- Account → API keys --------------------------------------------------------------------

/** The key this tab is signed in with, as the list names it: its prefix is the key's start. */
function signedInWith(key) {
  return (sessionStorage.getItem(KEY) ?? '').startsWith(key.prefix) ? ' (this tab signs in with it)' : '';
}

/** The account's keys: create one (shown once), revoke one; revoking the tab's own key signs it out. */
async function keysView(created) {
  const token = ++navigation;
  const keys = (await api('GET', '/api-keys')).items;
  if (!isCurrent(token)) return;
  crumbs(toList(), 'API keys');
  const rows = keys.map((key) => el('tr', {},
    el('td', { 'data-label': 'Key' }, el('code', {}, `${key.prefix}…`), signedInWith(key)),
    el('td', { 'data-label': 'Created' }, when(key.created_at)),
    el('td', { 'data-label': 'Last used' }, key.last_used_at ? when(key.last_used_at) : 'never'),
    el('td', { 'data-label': 'Expires' }, key.expires_at ? when(key.expires_at) : 'never'),
    el('td', {}, el('button', {
      type: 'button', className: 'danger', id: `revoke-${key.prefix}`, onclick: guarded(async () => {
        const own = signedInWith(key) !== '';
        if (!await confirmDialog(`Revoke the key ${key.prefix}…? Every request made with it is refused from now on`
          + `${own ? ', including this page\'s' : ''}.`, 'Revoke')) return;
        await api('DELETE', `/api-keys/${key.id}`);
        if (own) {
          signOut('You revoked the key this tab signed in with. Sign in with another.');
          return;
        }
        flash = `Key ${key.prefix}… revoked.`;
        await keysView();
      }),
    }, 'Revoke'))));
  show('API keys',
    el('h1', {}, 'API keys'),
    flashNotice(),
    created ? el('div', { className: 'notice', id: 'new-key' },
      el('p', {}, 'Your new API key. Store it now: it is not shown again.'),
      el('code', { className: 'secret', id: 'new-key-value', 'aria-label': 'New API key' }, created.key),
      copyButton('copy-key', 'Copy key', () => created.key)) : null,
    el('div', { id: 'page-problem' }),
    el('div', { className: 'actions' }, el('button', {
      type: 'button', id: 'create-key', onclick: guarded(async () => {
        await keysView(await api('POST', '/api-keys', {}));
      }),
    }, 'Create API key')),
    el('table', { id: 'api-keys', className: 'responsive' },
      el('caption', { className: 'visually-hidden' }, 'Your API keys, oldest first'),
      el('thead', {}, el('tr', {}, ['Key', 'Created', 'Last used', 'Expires', ''].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows)));
}

function reasonText(reason) {
  return {
    manual: 'disabled by you',
    endpoint_gone: 'the endpoint answered 410 Gone',
    deliveries_failing: 'every delivery failed for days',
  }[reason] ?? reason ?? '';
}

// ---- Add Webhook / edit -------------------------------------------------------------------

/** The form's fields by the API's field names: where each refusal is shown, and what it is called. */
const FIELDS = {
  name: 'Name',
  url: 'Endpoint URL',
  events: 'Events',
  site_id: 'Site',
  goals: 'Only these goals',
  spike_threshold_pct: 'Spike threshold',
  drop_threshold_pct: 'Drop threshold',
};

const TRAFFIC = ['traffic.spike', 'traffic.drop'];

/** One goal filter box: a line of digits is a goal id, any other line a goal name. */
function parseGoals(text) {
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  const ids = lines.filter((line) => /^\d+$/.test(line)).map(Number);
  const names = lines.filter((line) => !/^\d+$/.test(line));
  return ids.length || names.length ? { ids, names } : null;
}

function webhookForm(types, siteIds, existing) {
  const field = (name, label, input, hint) => el('div', { className: 'field', id: `${name}-field` },
    el('label', { for: name }, label), input, hint ? el('p', { className: 'hint', id: `${name}-hint` }, hint) : null,
    el('p', { className: 'field-error', id: `${name}-error` }));
  const described = (name, hint) => (hint ? `${name}-error ${name}-hint` : `${name}-error`);
  const text = (name, value, type, extra = {}) => el('input', { type, id: name, name, value: value ?? '', 'aria-describedby': described(name, true), ...extra });
  const chosen = existing ? existing.events : ['goal.converted'];
  const events = el('fieldset', { id: 'events', 'aria-describedby': 'events-error' }, el('legend', {}, 'Events'),
    types.map(({ type, description }) => el('label', { className: 'choice' },
      el('input', { type: 'checkbox', name: 'events', value: type, checked: chosen.includes(type) }),
      el('span', {}, el('span', { className: 'event-name' }, type), el('span', { className: 'hint' }, ` — ${description}`)))),
    el('p', { className: 'field-error', id: 'events-error' }));
  // the webhook's own site stays a choice even if the list read at sign-in lacks it: saving must not widen it
  const choices = existing?.site_id && !siteIds.includes(existing.site_id) ? [...siteIds, existing.site_id] : siteIds;
  const site = el('select', { id: 'site_id', name: 'site_id', 'aria-describedby': described('site_id', true) },
    el('option', { value: '' }, 'All your sites'),
    choices.map((id) => el('option', { value: id, selected: existing?.site_id === id }, id)));
  const goals = el('textarea', { id: 'goals', name: 'goals', rows: 3, 'aria-describedby': described('goals', true) },
    existing?.goals ? [...existing.goals.names, ...existing.goals.ids].join('\n') : '');
  const spike = field('spike_threshold_pct', 'Spike threshold (%)', text('spike_threshold_pct', existing?.spike_threshold_pct ?? 50, 'number', { step: '0.01', min: '0.01' }),
    'A traffic.spike is sent when visitors exceed the usual by more than this');
  const drop = field('drop_threshold_pct', 'Drop threshold (%)', text('drop_threshold_pct', existing?.drop_threshold_pct ?? 50, 'number', { step: '0.01', min: '0.01', max: '100' }),
    'A traffic.drop is sent when visitors fall below the usual by more than this');
  const goalsField = field('goals', 'Only these goals', goals, 'Goal names or ids, one per line (e.g. Purchase or 17); empty for every goal');
  const summary = el('div', { id: 'form-problem' });
  const form = el('form', { id: 'webhook-form', novalidate: true },
    summary,
    field('name', 'Name', text('name', existing?.name, 'text', { required: true }), 'e.g. "Slack goal alerts" or "CRM signup sync"'),
    field('url', 'Endpoint URL', text('url', existing?.url, 'url', { required: true }), 'HTTPS address on your server that will receive the POSTs'),
    events,
    field('site_id', 'Site', site, 'Only events of this site; all your sites when none is chosen'),
    goalsField, spike, drop,
    el('div', { className: 'actions' },
      el('button', { type: 'submit', id: 'save' }, existing ? 'Save changes' : 'Add Webhook'),
      el('a', { href: existing ? `#/webhooks/${existing.id}` : '#/' }, 'Cancel')));

  const ticked = () => [...form.querySelectorAll('input[name=events]:checked')].map((box) => box.value);
  // only what the ticked events use: the goal filter for goal.converted, each threshold for its traffic event
  const showRelevant = () => {
    const on = ticked();
    goalsField.hidden = !on.includes('goal.converted');
    spike.hidden = !on.includes(TRAFFIC[0]);
    drop.hidden = !on.includes(TRAFFIC[1]);
  };
  events.addEventListener('change', showRelevant);
  showRelevant();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name) => form.elements[name].value.trim();
    const on = ticked();
    const body = {
      name: value('name'),
      url: value('url'),
      events: on,
      site_id: value('site_id') || null,
      goals: on.includes('goal.converted') ? parseGoals(value('goals')) : null,
      spike_threshold_pct: Number(value('spike_threshold_pct')),
      drop_threshold_pct: Number(value('drop_threshold_pct')),
    };
    form.querySelectorAll('.field-error').forEach((p) => { p.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
    summary.replaceChildren();
    const save = document.getElementById('save');
    if (save.disabled) return;
    save.disabled = true;
    try {
      if (existing) {
        await api('PATCH', `/webhooks/${existing.id}`, body);
        flash = 'Changes saved.';
        location.hash = `#/webhooks/${existing.id}`;
      } else {
        const created = await api('POST', '/webhooks', body);
        secretView(created, 'Webhook added');
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      showRefusal(form, summary, error);
    } finally {
      save.disabled = false;
    }
  });
  return form;
}

/**
 * Shows a refusal: each field's message at its field (marked invalid), one summary above the form
 * naming the fields, and the focus on the first of them, so that the message is read out with it.
 * A refusal that names no shown field (a 503, the network) is said in the summary alone.
 */
function showRefusal(form, summary, error) {
  const invalid = [];
  for (const { field, message } of error.problem?.errors ?? []) {
    const name = field.split('.')[0];
    const input = document.getElementById(name);
    const place = document.getElementById(`${name}-error`);
    if (!input || !place || input.closest('[hidden]')) continue;
    // the API names the kind of a refused URL in brackets, for programs: people get the sentence
    const sentence = message.replace(/ \([a-z_]+\)$/, '');
    place.textContent = place.textContent ? `${place.textContent}; ${sentence}` : `The ${FIELDS[name].replace(/^./, (first) => first.toLowerCase())} ${sentence}.`;
    input.setAttribute('aria-invalid', 'true');
    if (!invalid.includes(name)) invalid.push(name);
  }
  if (invalid.length === 0) {
    summary.replaceChildren(el('div', { className: 'notice bad', role: 'alert' }, `Not saved: ${error.message}`));
    summary.scrollIntoView({ block: 'center' });
    announce(`Not saved: ${error.message}`);
    return;
  }
  const count = invalid.length === 1 ? 'One field needs' : `${invalid.length} fields need`;
  summary.replaceChildren(el('div', { className: 'notice bad', id: 'form-summary' },
    el('p', {}, `Not saved. ${count} your attention:`),
    el('ul', {}, invalid.map((name) => el('li', {}, el('button', {
      type: 'button', className: 'link', onclick: () => focusField(name),
    }, FIELDS[name]))))));
  focusField(invalid[0]);
}

function focusField(name) {
  const target = document.getElementById(name);
  const focusable = target.matches('fieldset') ? target.querySelector('input') : target;
  (document.getElementById(`${name}-field`) ?? target).scrollIntoView({ block: 'center' });
  focusable.focus({ preventScroll: true });
}

async function addView() {
  const token = ++navigation;
  const [types, siteIds] = await Promise.all([catalogue(), sites()]);
  if (!isCurrent(token)) return;
  crumbs(toList(), 'Add Webhook');
  show('Add Webhook', el('h1', {}, 'Add Webhook'), webhookForm(types, siteIds));
}

async function editView(id) {
  const token = ++navigation;
  const [webhook, types, siteIds] = await Promise.all([api('GET', `/webhooks/${id}`), catalogue(), sites()]);
  if (!isCurrent(token)) return;
  crumbs(toList(), el('a', { href: `#/webhooks/${id}` }, webhook.name), 'Edit');
  show(`Edit ${webhook.name}`, el('h1', {}, `Edit ${webhook.name}`), webhookForm(types, siteIds, webhook));
}

/** While a new secret is on screen and not yet confirmed stored: leaving would lose it. */
let secretOnScreen = false;

/**
 * The signing secret, shown once: it is never fetched again. The address becomes the webhook's
 * (a reload must not show an empty Add form), and leaving before "I have stored it" asks first.
 */
function secretView(webhook, heading, previousValidUntil) {
  navigation += 1;
  const secret = webhook.secret;
  history.replaceState(null, '', `#/webhooks/${webhook.id}`);
  secretOnScreen = true;
  crumbs('Webhooks', webhook.name);
  show(heading,
    el('h1', {}, heading),
    el('div', { className: 'notice warning' },
      el('p', { role: 'alert' }, el('strong', {}, 'Copy your signing secret now — it will not be shown again.'),
        ' Store it where your receiver can read it; it verifies that requests come from Statalog.'),
      previousValidUntil ? el('p', {}, `The previous secret's signature stays in webhook-signature until ${when(previousValidUntil)}.`) : null,
      el('code', { className: 'secret', id: 'signing-secret', 'aria-label': 'Signing secret' }, secret),
      el('div', { className: 'actions' }, copyButton('copy-secret', 'Copy secret', () => secret))),
    el('button', {
      type: 'button', id: 'secret-done',
      onclick: () => {
        secretOnScreen = false;
        route();
      },
    }, 'I have stored it'));
}

window.addEventListener('beforeunload', (event) => {
  if (secretOnScreen) {
    event.preventDefault();
    event.returnValue = ''; // what older browsers read
  }
});

// ---- Account → Webhooks → [webhook name] --------------------------------------------------

const STATUSES = ['pending', 'retrying', 'delivered', 'dropped', 'cancelled'];
const PERIODS = { '24h': 'Last 24 hours', '7d': 'Last 7 days' };

/** The webhook page's address: its filters and chart period are in it, so reload and Back keep them. */
function webhookAddress(id, filters) {
  const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value)).toString();
  return `#/webhooks/${id}${query ? `?${query}` : ''}`;
}

/** Where the focus goes once the view shown next has loaded (the control that changed it). */
let focusAfter = null;

async function webhookView(id, filters) {
  const token = ++navigation;
  const period = PERIODS[filters.period] ? filters.period : '24h';
  const [webhook, stats, types] = await Promise.all([api('GET', `/webhooks/${id}`),
    api('GET', `/webhooks/${id}/deliveries/stats?period=${period}`), catalogue()]);
  if (!isCurrent(token)) return;
  crumbs(toList(), webhook.name);
  const testResult = el('p', { id: 'test-result', role: 'status' });
  const deliveries = el('tbody', {});
  const more = el('div', {});
  const replayKeys = new Map(); // one Idempotency-Key per delivery until acknowledged: a retry or double click replays once
  let firstPage = new Set();

  async function readPage(cursor) {
    const query = new URLSearchParams({ limit: '50' });
    if (filters.status) query.set('status', filters.status);
    if (filters.event) query.set('event', filters.event);
    if (cursor) query.set('cursor', cursor);
    return api('GET', `/webhooks/${id}/deliveries?${query}`);
  }

  function render(page, append) {
    if (!append) {
      deliveries.replaceChildren();
      firstPage = new Set(page.items.map((item) => item.id));
    }
    deliveries.append(...page.items.map(deliveryRow));
    more.replaceChildren(page.next_cursor
      ? el('button', { type: 'button', className: 'secondary', onclick: guarded(async () => render(await readPage(page.next_cursor), true)) }, 'Show older deliveries') : '');
    if (deliveries.children.length === 0) deliveries.append(el('tr', {}, el('td', { colspan: 5 }, 'No deliveries match.')));
    deliveries.dataset.loaded = 'true';
  }

  /** Reads the first page again until {@code done} holds for it, showing each read. */
  async function refreshUntil(done) {
    deliveries.setAttribute('aria-busy', 'true');
    try {
      await readUntil(async () => {
        const page = await readPage();
        if (isCurrent(token)) render(page, false);
        return page;
      }, (page) => done(page) || !isCurrent(token));
    } finally {
      deliveries.removeAttribute('aria-busy');
    }
  }

  function deliveryRow(delivery) {
    const replayable = ['dropped', 'cancelled', 'delivered'].includes(delivery.status) && !delivery.test && webhook.enabled;
    const note = el('span', { role: 'status' });
    return el('tr', { 'data-delivery': delivery.id },
      el('td', { 'data-label': 'Created' }, el('a', { href: `#/webhooks/${id}/deliveries/${delivery.id}` }, when(delivery.created_at))),
      el('td', { 'data-label': 'Event' }, delivery.test ? 'Send Test (test)' : delivery.event),
      el('td', { 'data-label': 'Status' }, statusBadge(delivery.status), delivery.replays ? el('div', { className: 'hint' }, `replayed ${delivery.replays}×`) : null),
      el('td', { 'data-label': 'Attempts' }, delivery.attempts.length
        ? el('ol', { className: 'attempts' }, delivery.attempts.map((attempt) => el('li', {}, describeAttempt(attempt)))) : 'none yet'),
      el('td', { 'data-label': replayable ? 'Actions' : null }, replayable ? el('button', {
        type: 'button', className: 'secondary replay', 'aria-label': `Replay delivery of ${when(delivery.created_at)}`,
        onclick: guarded(async () => {
          if (!replayKeys.has(delivery.id)) replayKeys.set(delivery.id, idempotencyKey());
          try {
            await api('POST', `/webhooks/${id}/deliveries/${delivery.id}/replay`, undefined, { 'Idempotency-Key': replayKeys.get(delivery.id) });
          } catch (error) {
            note.textContent = `Not replayed: ${error.message}`;
            return;
          }
          // acknowledged: asking again is a new replay, with a new key
          replayKeys.delete(delivery.id);
          note.textContent = 'Replay requested.';
          announce('Replay requested');
          // the first page, unfiltered by status, is where the replayed row shows its new attempt
          if (filters.status || !firstPage.has(delivery.id)) return;
          const series = delivery.replays + 1;
          await refreshUntil((page) => page.items.some((item) => item.id === delivery.id
            && item.attempts.some((attempt) => attempt.replay >= series)));
          deliveries.querySelector(`tr[data-delivery="${delivery.id}"] a`)?.focus();
        }),
      }, 'Replay') : null, note));
  }

  const navigate = (change, control) => () => {
    focusAfter = control;
    location.hash = webhookAddress(id, { ...filters, ...change() });
  };
  const statusFilter = el('select', { id: 'filter-status', onchange: navigate(() => ({ status: statusFilter.value }), 'filter-status') },
    el('option', { value: '' }, 'any'), STATUSES.map((s) => el('option', { value: s, selected: filters.status === s }, s)));
  const eventFilter = el('select', { id: 'filter-event', onchange: navigate(() => ({ event: eventFilter.value }), 'filter-event') },
    el('option', { value: '' }, 'any'), [...types.map(({ type }) => type), 'test'].map((e) => el('option', { value: e, selected: filters.event === e }, e)));
  const periodChoice = el('select', { id: 'chart-period', onchange: navigate(() => ({ period: periodChoice.value }), 'chart-period') },
    Object.entries(PERIODS).map(([value, label]) => el('option', { value, selected: value === period }, label)));

  const sendTest = guarded(async () => {
    testResult.textContent = 'Sending…';
    const before = new Set([...deliveries.querySelectorAll('tr[data-delivery]')].map((row) => row.dataset.delivery));
    let result;
    try {
      result = await api('POST', `/webhooks/${id}/test`);
    } catch (error) {
      testResult.textContent = `Test not sent: ${error.message}`;
      return;
    }
    testResult.textContent = result.error
      ? `Test failed: ${result.status_code ?? ''} ${result.error} after ${result.duration_ms} ms`
      : `Test delivered: ${result.status_code} in ${result.duration_ms} ms`;
    if (!filters.status && (!filters.event || filters.event === 'test')) {
      await refreshUntil((page) => page.items.some((item) => item.test && !before.has(item.id)));
    }
  });

  show(webhook.name,
    el('h1', {}, webhook.name),
    flashNotice(),
    el('p', { className: 'wrap' }, webhook.url),
    el('p', {}, webhook.enabled ? statusBadge('enabled')
      : [statusBadge('disabled'), ` — ${reasonText(webhook.disabled_reason)} (${when(webhook.disabled_at)})`],
    ' · ', webhook.events.join(', '), ' · ', webhook.site_id ? `site ${webhook.site_id}` : 'all sites',
    webhook.goals ? ` · goals: ${[...webhook.goals.names, ...webhook.goals.ids].join(', ')}` : ''),
    el('div', { className: 'actions' },
      el('button', { type: 'button', id: 'send-test', onclick: sendTest }, 'Send Test'),
      el('a', { className: 'button secondary', href: `#/webhooks/${id}/edit`, id: 'edit' }, 'Edit'),
      el('button', {
        type: 'button', className: 'secondary', id: 'toggle', onclick: guarded(async () => {
          await api('PATCH', `/webhooks/${id}`, { enabled: !webhook.enabled });
          flash = webhook.enabled ? 'Webhook disabled.' : 'Webhook enabled.';
          focusAfter = 'toggle';
          await webhookView(id, filters);
        }),
      }, webhook.enabled ? 'Disable' : 'Enable'),
      el('button', {
        type: 'button', className: 'secondary', id: 'rotate', onclick: guarded(async () => {
          if (!await confirmDialog('Rotate the signing secret? X-Statalog-Signature switches to the new one at once; '
            + 'webhook-signature also lists the old one for a grace period (a second rotation within it drops the oldest).', 'Rotate')) return;
          const rotated = await api('POST', `/webhooks/${id}/rotate-secret`);
          secretView({ ...webhook, secret: rotated.secret }, 'Secret rotated', rotated.previous_secret_valid_until);
        }),
      }, 'Rotate secret'),
      el('button', {
        type: 'button', className: 'danger', id: 'delete', onclick: guarded(async () => {
          if (!await confirmDialog(`Delete the webhook "${webhook.name}"? Its deliveries stop at once.`, 'Delete')) return;
          await api('DELETE', `/webhooks/${id}`);
          flash = `Webhook "${webhook.name}" deleted.`;
          location.hash = '#/';
        }),
      }, 'Delete')),
    el('div', { id: 'page-problem' }),
    testResult,
    el('h2', {}, 'Success rate'),
    el('div', { className: 'filters' }, el('div', { className: 'field' }, el('label', { for: 'chart-period' }, 'Period'), periodChoice)),
    el('div', { className: 'chart', id: 'chart' }, successChart(stats, period)),
    el('h2', {}, 'Deliveries'),
    el('div', { className: 'filters' },
      el('div', { className: 'field' }, el('label', { for: 'filter-status' }, 'Status'), statusFilter),
      el('div', { className: 'field' }, el('label', { for: 'filter-event' }, 'Event'), eventFilter)),
    el('table', { id: 'deliveries', className: 'responsive' },
      el('caption', { className: 'visually-hidden' }, 'Deliveries, newest first'),
      el('thead', {}, el('tr', {}, ['Created', 'Event', 'Status', 'Attempts', 'Actions'].map((h) => el('th', { scope: 'col' }, h)))),
      deliveries),
    more);
  render(await readPage(), false);
  if (focusAfter) document.getElementById(focusAfter)?.focus();
  focusAfter = null;
}

/**
 * Delivered ÷ ended deliveries (Send Tests aside) per hour over 24 hours, or per day over 7 days,
 * in this browser's time zone, as bars on a 0–100 % axis, with a text equivalent.
 */
function successChart(stats, period) {
  const daily = period === '7d';
  const start = new Date(stats.since);
  const buckets = [];
  if (daily) {
    const day = new Date(start.getFullYear(), start.getMonth(), start.getDate());
    for (let i = 0; i < 8; i++) {
      buckets.push({ from: new Date(day.getFullYear(), day.getMonth(), day.getDate() + i), delivered: 0, dropped: 0 });
    }
  } else {
    for (let i = 0; i <= 24; i++) buckets.push({ from: new Date(start.getTime() + i * 3_600_000), delivered: 0, dropped: 0 });
  }
  for (const hour of stats.hours) {
    const at = new Date(hour.hour);
    const bucket = buckets.findLast((b) => b.from <= at);
    if (!bucket) continue;
    bucket.delivered += hour.delivered;
    bucket.dropped += hour.dropped;
  }
  const label = (from) => (daily ? dayOfWeek.format(from) : hourOfDay.format(from));
  const ended = buckets.filter((b) => b.delivered + b.dropped > 0);
  const caption = ended.length === 0
    ? `No deliveries ended in the ${PERIODS[period].toLowerCase()} (Send Tests are not counted).`
    : `${ended.map((b) => `${(daily ? dayOfWeek : dayAndHour).format(b.from)}: ${Math.round((100 * b.delivered) / (b.delivered + b.dropped))}% of ${b.delivered + b.dropped}`).join('; ')}.`;

  const left = 40;
  const top = 10;
  const height = 120;
  const step = daily ? 80 : 24;
  const width = left + buckets.length * step + 30;
  const y = (rate) => top + height - rate * height;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${top + height + 30}`, role: 'img', 'aria-labelledby': 'chart-caption', className: 'chart-svg' },
    [0, 0.5, 1].map((rate) => [
      svg('line', { x1: left, x2: width - 30, y1: y(rate), y2: y(rate), className: 'gridline' }),
      svg('text', { x: left - 6, y: y(rate) + 4, 'text-anchor': 'end', className: 'axis' }, `${rate * 100}%`)]),
    buckets.map((b, i) => {
      const total = b.delivered + b.dropped;
      const x = left + i * step;
      const tick = daily || i % 6 === 0
        ? svg('text', { x: x + step / 2, y: top + height + 18, 'text-anchor': 'middle', className: 'axis' }, label(b.from)) : null;
      if (total === 0) return tick;
      const rate = b.delivered / total;
      return [tick, svg('rect', {
        x: x + 2, y: y(Math.max(rate, 0.02)), width: step - 4, height: Math.max(rate, 0.02) * height,
        className: rate >= 0.95 ? 'bar good' : rate >= 0.5 ? 'bar fair' : 'bar poor',
      }, svg('title', {}, `${label(b.from)}: ${b.delivered} of ${total} delivered`))];
    }));
  // wide enough to read on a phone: the chart scrolls sideways in its own box, not the page
  return el('figure', {}, el('div', { className: 'chart-scroll', tabindex: '0', role: 'region', 'aria-label': 'Success rate chart' }, chart),
    el('figcaption', { className: 'hint', id: 'chart-caption' }, `${caption} Times in ${timeZone}.`));
}

// ---- Account → Webhooks → [webhook name] → a delivery -------------------------------------

async function deliveryView(id, deliveryId) {
  const token = ++navigation;
  const [webhook, delivery] = await Promise.all([api('GET', `/webhooks/${id}`), api('GET', `/webhooks/${id}/deliveries/${deliveryId}`)]);
  if (!isCurrent(token)) return;
  crumbs(toList(), el('a', { href: `#/webhooks/${id}` }, webhook.name), 'Delivery');
  const attempts = el('div', { id: 'attempts' });
  const summary = el('p', { id: 'delivery-summary' });
  const replayNote = el('p', { role: 'status', id: 'replay-result' });
  let current = delivery;
  let replayKey = idempotencyKey(); // renewed once a replay is acknowledged: asking again is a new replay

  function renderDelivery(opened) {
    current = opened;
    summary.replaceChildren(statusBadge(opened.status), ` · ${opened.test ? 'Send Test' : opened.event} · created ${when(opened.created_at)}`,
      opened.site_id ? ` · site ${opened.site_id}` : '', opened.replays ? ` · replayed ${opened.replays}×` : '');
    attempts.replaceChildren(...(opened.attempts.length ? opened.attempts.slice().reverse().map(attemptSection)
      : [el('p', {}, 'No attempt yet.')]));
  }

  const replayable = () => ['dropped', 'cancelled', 'delivered'].includes(current.status) && !current.test && webhook.enabled;
  const replay = el('button', {
    type: 'button', id: 'replay', className: 'secondary', hidden: !replayable(),
    onclick: guarded(async () => {
      const series = current.replays + 1;
      await api('POST', `/webhooks/${id}/deliveries/${deliveryId}/replay`, undefined, { 'Idempotency-Key': replayKey });
      replayKey = idempotencyKey();
      replayNote.textContent = 'Replay requested: waiting for its first attempt…';
      const opened = await readUntil(() => api('GET', `/webhooks/${id}/deliveries/${deliveryId}`),
        (read) => read.attempts.some((attempt) => attempt.replay >= series) || !isCurrent(token));
      if (!isCurrent(token)) return;
      renderDelivery(opened);
      const first = opened.attempts.find((attempt) => attempt.replay >= series);
      replayNote.textContent = first ? `Replayed: ${outcome(first)}.` : 'Replay requested; no attempt yet. Reload to see it later.';
      replay.hidden = !replayable();
    }),
  }, 'Replay');

  renderDelivery(delivery);
  let pretty = null;
  try {
    pretty = delivery.payload === null ? null : JSON.stringify(JSON.parse(delivery.payload), null, 2);
  } catch {
    pretty = null;
  }
  const payload = el('pre', { id: 'payload', tabindex: '0', 'aria-label': 'Payload' }, pretty ?? delivery.payload ?? '');
  const formats = pretty === null ? null : el('div', { className: 'actions', role: 'group', 'aria-label': 'Payload format' },
    ['Pretty', 'Raw'].map((format) => el('button', {
      type: 'button', className: 'secondary', id: `payload-${format.toLowerCase()}`, 'aria-pressed': String(format === 'Pretty'),
      onclick: (event) => {
        payload.textContent = format === 'Pretty' ? pretty : delivery.payload;
        event.currentTarget.parentElement.querySelectorAll('button').forEach((button) => button.setAttribute('aria-pressed', String(button === event.currentTarget)));
      },
    }, format)));

  show(`Delivery of ${delivery.event}`,
    el('h1', {}, delivery.test ? 'Send Test' : `Delivery of ${delivery.event}`),
    summary,
    el('p', { className: 'hint' }, 'Delivery id (X-Statalog-Delivery): ', el('code', {}, delivery.id)),
    el('div', { className: 'actions' }, replay),
    el('div', { id: 'page-problem' }),
    replayNote,
    el('h2', {}, 'Payload'),
    delivery.payload === null
      ? el('p', {}, 'The request of a Send Test is not kept: it is {"event":"test"}, unsigned.')
      : [formats, payload, el('div', { className: 'actions' }, copyButton('copy-payload', 'Copy payload (raw)', () => delivery.payload))],
    el('h2', {}, 'Attempts, newest first'),
    attempts);
}

function headerTable(caption, headers) {
  const entries = Object.entries(headers ?? {}).sort(([a], [b]) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
  if (entries.length === 0) return el('p', { className: 'hint' }, `${caption}: none recorded.`);
  return el('table', { className: 'headers' },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Header'), el('th', { scope: 'col' }, 'Value'))),
    el('tbody', {}, entries.map(([name, value]) => el('tr', {}, el('th', { scope: 'row' }, name), el('td', { className: 'wrap' }, el('code', {}, value))))));
}

const ERROR_KINDS = {
  timeout: 'the endpoint did not answer in time',
  connection_refused: 'the connection was refused',
  connection_reset: 'the connection was closed before an answer',
  tls: 'the TLS handshake failed',
  dns: 'the host name did not resolve',
  blocked_address: 'the address is not allowed (private or reserved)',
  redirect: 'the endpoint redirected; redirects are not followed',
  http_status: 'the endpoint answered with a status other than 2xx',
};

function attemptSection(attempt) {
  const series = attempt.replay ? `Replay ${attempt.replay}, attempt ${attempt.attempt}` : `Attempt ${attempt.attempt}`;
  return el('section', { className: 'attempt', 'data-attempt': `${attempt.replay}-${attempt.attempt}`, 'aria-label': series },
    el('h3', {}, `${series}: `, attempt.error ? el('span', { className: 'status dropped' }, outcome(attempt)) : el('span', { className: 'status delivered' }, outcome(attempt))),
    el('p', { className: 'hint' }, `${when(attempt.at)} · ${attempt.duration_ms} ms`, attempt.error ? ` · ${ERROR_KINDS[attempt.error] ?? attempt.error}` : ''),
    el('div', { className: 'exchange' },
      el('div', {}, headerTable('Request headers', attempt.request_headers)),
      el('div', {}, headerTable('Response headers', attempt.response_headers),
        attempt.response_excerpt ? [el('p', { className: 'label' }, 'Response body (first 1 KiB)'),
          el('pre', { tabindex: '0', className: 'excerpt', 'aria-label': `Response body of ${series}` }, attempt.response_excerpt)] : null)));
}

// ---- routing --------------------------------------------------------------------------------

async function route() {
  if (!sessionStorage.getItem(KEY)) {
    signIn();
    return;
  }
  document.getElementById('sign-out').hidden = false;
  const [path, query] = (location.hash.replace(/^#/, '') || '/').split('?');
  loading(true);
  try {
    let match;
    if (path === '/new') await addView();
    else if (path === '/api-keys') await keysView();
    else if ((match = path.match(/^\/webhooks\/([\w-]+)\/edit$/))) await editView(match[1]);
    else if ((match = path.match(/^\/webhooks\/([\w-]+)\/deliveries\/([\w-]+)$/))) await deliveryView(match[1], match[2]);
    else if ((match = path.match(/^\/webhooks\/([\w-]+)$/))) await webhookView(match[1], Object.fromEntries(new URLSearchParams(query)));
    else await listView();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    flash = null;
    const missing = error instanceof ApiError && error.status === 404;
    crumbs(toList(), missing ? 'Not found' : 'Error');
    show(missing ? 'Not found' : 'Error', el('h1', {}, missing ? 'Not found' : 'Something went wrong'),
      problemNotice(missing ? new Error('There is no such webhook or delivery in your account.') : error),
      el('a', { href: '#/' }, 'Back to your webhooks'));
  }
}

document.getElementById('sign-out').addEventListener('click', () => {
  secretOnScreen = false;
  signOut();
});
// the skip link moves focus without touching the hash, which is the router's
document.querySelector('.skip').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', async (event) => {
  if (secretOnScreen) {
    if (!await confirmDialog('Leave without storing the signing secret? It will not be shown again.', 'Leave')) {
      history.replaceState(null, '', new URL(event.oldURL).hash);
      return;
    }
    secretOnScreen = false;
  }
  route();
});
route();
