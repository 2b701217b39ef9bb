// Account → Webhooks: the registry's own REST API (/api/v1), driven from the browser. No
// framework and no build step: a hash router and small view functions. Every value from the API
// reaches the page as text (el() sets textContent), never as HTML.

const KEY = 'statalog.apiKey';
const main = document.getElementById('main');

// ---- helpers -------------------------------------------------------------------------------

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'className') node.className = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function announce(text) {
  const region = document.getElementById('announce');
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}

function show(title, ...content) {
  document.title = `${title} · Statalog`;
  main.replaceChildren(...content);
  main.focus();
}

function isCurrent(token) {
  return token === navigation;
}

function crumbs(...parts) {
  document.getElementById('crumbs').replaceChildren(...parts.flatMap((part, i) => (i ? [' → ', part] : [part])));
}

class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

// the event catalogue (GET /api/v1/event-types): the events a webhook can subscribe to, read once per sign-in
let eventTypes = null;
async function catalogue() {
  eventTypes ??= (await api('GET', '/event-types')).items;
  return eventTypes;
}

async function api(method, path, body, headers = {}) {
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${sessionStorage.getItem(KEY)}`, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
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

/** Counts navigations: a view that finishes loading after a newer one started is not shown. */
let navigation = 0;

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

function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '';
}

function statusBadge(status) {
  return el('span', { className: `status ${status}` }, status);
}

function describeAttempt(attempt) {
  const outcome = attempt.status_code ?? attempt.error ?? 'no answer';
  const error = attempt.error && attempt.status_code ? ` (${attempt.error})` : '';
  const series = attempt.replay ? `replay ${attempt.replay}, ` : '';
  return `${series}attempt ${attempt.attempt}: ${outcome}${error}, ${attempt.duration_ms} ms, ${when(attempt.at)}`;
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

// ---- sign in -------------------------------------------------------------------------------

let signInMessage = null;

function signOut(message) {
  sessionStorage.removeItem(KEY);
  eventTypes = null;
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
      el('td', {}, el('a', { href: `#/webhooks/${webhook.id}` }, webhook.name)),
      el('td', {}, webhook.url),
      el('td', {}, webhook.events.join(', ')),
      el('td', {}, webhook.enabled ? statusBadge('enabled')
        : [statusBadge('disabled'), el('div', { className: 'hint' }, reasonText(webhook.disabled_reason))]),
      el('td', {}, delivery ? [statusBadge(delivery.status), ' ', lastAttempt?.status_code ?? lastAttempt?.error ?? '',
        delivery.test ? ' (Send Test)' : '', el('div', { className: 'hint' }, when(delivery.created_at))] : last ? 'none yet' : 'unavailable'));
  }));
  if (!isCurrent(token)) return;
  crumbs('Account', 'Webhooks');
  show('Webhooks',
    el('h1', {}, 'Webhooks'),
    el('div', { className: 'actions' }, el('a', { className: 'button', href: '#/new', id: 'add-webhook' }, 'Add Webhook')),
    rows.length === 0 ? el('p', {}, 'No webhooks yet.')
      : el('table', { id: 'webhooks' },
        el('caption', { className: 'visually-hidden' }, 'Your webhooks'),
        el('thead', {}, el('tr', {}, ['Name', 'URL', 'Events', 'Status', 'Last delivery'].map((h) => el('th', { scope: 'col' }, h)))),
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

function webhookForm(types, existing) {
  const field = (name, label, input, hint) => el('div', { className: 'field' },
    el('label', { for: name }, label), input, hint ? el('p', { className: 'hint', id: `${name}-hint` }, hint) : null,
    el('p', { className: 'field-error', id: `${name}-error` }));
  const text = (name, value, type = 'text', extra = {}) => el('input', { type, id: name, name, value: value ?? '', 'aria-describedby': `${name}-error ${name}-hint`, ...extra });
  const events = el('fieldset', { id: 'events', 'aria-describedby': 'events-error' }, el('legend', {}, 'Events'),
    types.map(({ type, description }) => el('label', { title: description }, el('input', { type: 'checkbox', name: 'events', value: type, checked: existing ? existing.events.includes(type) : type === 'goal.converted' }), ' ', type,
      el('span', { className: 'hint' }, ` — ${description}`))),
    el('p', { className: 'field-error', id: 'events-error' }));
  const form = el('form', { id: 'webhook-form', novalidate: true },
    field('name', 'Name', text('name', existing?.name, 'text', { required: true }), 'e.g. "Slack goal alerts" or "CRM signup sync"'),
    field('url', 'Endpoint URL', text('url', existing?.url, 'url', { required: true }), 'HTTPS address on your server that will receive the POSTs'),
    events,
    field('site_id', 'Site', text('site_id', existing?.site_id), 'A site id such as ST-A1B2C3; empty for all your sites'),
    field('goal_names', 'Only these goals (names)', el('textarea', { id: 'goal_names', name: 'goal_names', rows: 3, 'aria-describedby': 'goal_names-error goal_names-hint' }, existing?.goals?.names.join('\n') ?? ''), 'One goal name per line, e.g. Purchase; empty for every goal'),
    field('goal_ids', 'Only these goals (ids)', text('goal_ids', existing?.goals?.ids.join(', ')), 'Comma-separated goal ids'),
    field('spike_threshold_pct', 'Spike threshold (%)', text('spike_threshold_pct', existing?.spike_threshold_pct ?? 50, 'number', { step: '0.01' })),
    field('drop_threshold_pct', 'Drop threshold (%)', text('drop_threshold_pct', existing?.drop_threshold_pct ?? 50, 'number', { step: '0.01' })),
    el('div', { id: 'form-problem' }),
    el('div', { className: 'actions' },
      el('button', { type: 'submit', id: 'save' }, existing ? 'Save changes' : 'Add Webhook'),
      el('a', { href: existing ? `#/webhooks/${existing.id}` : '#/' }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name) => form.elements[name].value.trim();
    const names = value('goal_names').split('\n').map((s) => s.trim()).filter(Boolean);
    const ids = value('goal_ids').split(',').map((s) => s.trim()).filter(Boolean).map((id) => (/^\d+$/.test(id) ? Number(id) : id));
    const body = {
      name: value('name'),
      url: value('url'),
      events: [...form.querySelectorAll('input[name=events]:checked')].map((box) => box.value),
      site_id: value('site_id') || null,
      goals: names.length || ids.length ? { names, ids } : null,
      spike_threshold_pct: Number(value('spike_threshold_pct')),
      drop_threshold_pct: Number(value('drop_threshold_pct')),
    };
    form.querySelectorAll('.field-error').forEach((p) => { p.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
    document.getElementById('form-problem').replaceChildren();
    const save = document.getElementById('save');
    if (save.disabled) return;
    save.disabled = true;
    try {
      if (existing) {
        await api('PATCH', `/webhooks/${existing.id}`, body);
        announce('Changes saved');
        location.hash = `#/webhooks/${existing.id}`;
      } else {
        const created = await api('POST', '/webhooks', body);
        secretView(created, 'Webhook added');
      }
    } catch (error) {
      if (!(error instanceof ApiError) || error.status === 401) throw error;
      for (const { field: name, message } of error.problem?.errors ?? []) {
        const target = document.getElementById(`${name.split('.')[0] === 'goals' ? (name.endsWith('ids') ? 'goal_ids' : 'goal_names') : name}-error`);
        if (target) {
          target.textContent = message;
          document.getElementById(target.id.replace(/-error$/, ''))?.setAttribute('aria-invalid', 'true');
        }
      }
      document.getElementById('form-problem').replaceChildren(problemNotice(error));
      announce(`Not saved: ${error.message}`);
    } finally {
      save.disabled = false;
    }
  });
  return form;
}

async function addView() {
  const token = ++navigation;
  const types = await catalogue();
  if (!isCurrent(token)) return;
  crumbs(el('a', { href: '#/' }, 'Webhooks'), 'Add Webhook');
  show('Add Webhook', el('h1', {}, 'Add Webhook'), webhookForm(types));
}

async function editView(id) {
  const token = ++navigation;
  const [webhook, types] = await Promise.all([api('GET', `/webhooks/${id}`), catalogue()]);
  if (!isCurrent(token)) return;
  crumbs(el('a', { href: '#/' }, 'Webhooks'), el('a', { href: `#/webhooks/${id}` }, webhook.name), 'Edit');
  show(`Edit ${webhook.name}`, el('h1', {}, `Edit ${webhook.name}`), webhookForm(types, webhook));
}

/** The signing secret, shown once: it is never fetched again, and leaving this view drops it. */
function secretView(webhook, heading, previousValidUntil) {
  navigation += 1;
  const secret = webhook.secret;
  crumbs(el('a', { href: '#/' }, 'Webhooks'), webhook.name);
  const copied = el('span', { role: 'status' });
  show(heading,
    el('h1', {}, heading),
    el('div', { className: 'notice warning' },
      el('p', { role: 'alert' }, el('strong', {}, 'Copy your signing secret now — it will not be shown again.'),
        ' Store it where your receiver can read it; it verifies that requests come from Statalog.'),
      previousValidUntil ? el('p', {}, `The previous secret's signature stays in webhook-signature until ${when(previousValidUntil)}.`) : null,
      el('code', { className: 'secret', id: 'signing-secret', 'aria-label': 'Signing secret' }, secret),
      el('div', { className: 'actions' },
        el('button', {
          type: 'button', id: 'copy-secret', className: 'secondary',
          onclick: async () => {
            try {
              await navigator.clipboard.writeText(secret);
              copied.textContent = 'Copied.';
            } catch {
              copied.textContent = 'Copying is not allowed here: select the secret and copy it.';
            }
          },
        }, 'Copy secret'), copied)),
    el('button', {
      type: 'button', id: 'secret-done',
      onclick: () => {
        const target = `#/webhooks/${webhook.id}`;
        if (location.hash === target) route();
        else location.hash = target;
      },
    }, 'I have stored it'));
}

// ---- Account → Webhooks → [webhook name] --------------------------------------------------

async function webhookView(id, filters = {}, focus = null) {
  const token = ++navigation;
  const webhook = await api('GET', `/webhooks/${id}`);
  // the chart covers every status, whatever the filters
  const recent = await api('GET', `/webhooks/${id}/deliveries?limit=100`);
  const types = await catalogue();
  if (!isCurrent(token)) return;
  crumbs(el('a', { href: '#/' }, 'Webhooks'), webhook.name);
  const testResult = el('p', { id: 'test-result', role: 'status' });
  const deliveries = el('tbody', {});
  const chart = el('div', { className: 'chart', id: 'chart' });
  const more = el('div', {});
  const loaded = [];

  async function load(cursor) {
    const query = new URLSearchParams({ limit: '50' });
    if (filters.status) query.set('status', filters.status);
    if (filters.event) query.set('event', filters.event);
    if (cursor) query.set('cursor', cursor);
    const page = await api('GET', `/webhooks/${id}/deliveries?${query}`);
    loaded.push(...page.items);
    deliveries.append(...page.items.map(deliveryRow));
    more.replaceChildren(page.next_cursor
      ? el('button', { type: 'button', className: 'secondary', onclick: guarded(() => load(page.next_cursor)) }, 'Show older deliveries') : '');
    if (loaded.length === 0) deliveries.append(el('tr', {}, el('td', { colspan: 5 }, 'No deliveries match.')));
    deliveries.dataset.loaded = 'true';
  }
  chart.replaceChildren(successChart(recent.items));

  function deliveryRow(delivery) {
    const replayable = ['dropped', 'cancelled', 'delivered'].includes(delivery.status) && !delivery.test && webhook.enabled;
    const note = el('span', { role: 'status' });
    const replayKey = idempotencyKey(); // one per row: asking again (a retry, a double click) replays once
    return el('tr', { 'data-delivery': delivery.id },
      el('td', {}, when(delivery.created_at)),
      el('td', {}, delivery.test ? 'Send Test (test)' : delivery.event),
      el('td', {}, statusBadge(delivery.status), delivery.replays ? el('div', { className: 'hint' }, `replayed ${delivery.replays}×`) : null),
      el('td', {}, el('ol', { className: 'attempts' }, delivery.attempts.map((attempt) => el('li', {}, describeAttempt(attempt))))),
      el('td', {}, replayable ? el('button', {
        type: 'button', className: 'secondary replay', 'aria-label': `Replay delivery of ${when(delivery.created_at)}`,
        onclick: async (event) => {
          event.target.disabled = true;
          try {
            await api('POST', `/webhooks/${id}/deliveries/${delivery.id}/replay`, undefined, { 'Idempotency-Key': replayKey });
            note.textContent = 'Replay requested.';
          } catch (error) {
            note.textContent = `Not replayed: ${error.message}`;
            event.target.disabled = false;
          }
        },
      }, 'Replay') : null, note));
  }

  const refilter = (change, focusId) => guarded(() => webhookView(id, { ...filters, ...change() }, focusId));
  const statusFilter = el('select', { id: 'filter-status', onchange: refilter(() => ({ status: statusFilter.value }), 'filter-status') },
    el('option', { value: '' }, 'any'), ['pending', 'retrying', 'delivered', 'dropped', 'cancelled']
      .map((s) => el('option', { value: s, selected: filters.status === s }, s)));
  const eventFilter = el('select', { id: 'filter-event', onchange: refilter(() => ({ event: eventFilter.value }), 'filter-event') },
    el('option', { value: '' }, 'any'), [...types.map(({ type }) => type), 'test'].map((e) => el('option', { value: e, selected: filters.event === e }, e)));

  show(webhook.name,
    el('h1', {}, webhook.name),
    el('p', {}, webhook.url),
    el('p', {}, webhook.enabled ? statusBadge('enabled')
      : [statusBadge('disabled'), ` — ${reasonText(webhook.disabled_reason)} (${when(webhook.disabled_at)})`],
    ' · ', webhook.events.join(', '), webhook.goals ? ` · goals: ${[...webhook.goals.names, ...webhook.goals.ids].join(', ')}` : ''),
    el('div', { className: 'actions' },
      el('button', {
        type: 'button', id: 'send-test', onclick: guarded(async () => {
          testResult.textContent = 'Sending…';
          try {
            const result = await api('POST', `/webhooks/${id}/test`);
            testResult.textContent = result.error
              ? `Test failed: ${result.status_code ?? ''} ${result.error} after ${result.duration_ms} ms`
              : `Test delivered: ${result.status_code} in ${result.duration_ms} ms`;
          } catch (error) {
            testResult.textContent = `Test not sent: ${error.message}`;
          }
        }),
      }, 'Send Test'),
      el('a', { className: 'button secondary', href: `#/webhooks/${id}/edit`, id: 'edit' }, 'Edit'),
      el('button', {
        type: 'button', className: 'secondary', id: 'toggle', onclick: guarded(async () => {
          await api('PATCH', `/webhooks/${id}`, { enabled: !webhook.enabled });
          announce(webhook.enabled ? 'Webhook disabled' : 'Webhook enabled');
          await webhookView(id, filters, 'toggle');
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
          announce('Webhook deleted');
          location.hash = '#/';
        }),
      }, 'Delete')),
    el('div', { id: 'page-problem' }),
    testResult,
    el('h2', {}, 'Success rate'),
    chart,
    el('h2', {}, 'Deliveries'),
    el('div', { className: 'filters' },
      el('div', { className: 'field' }, el('label', { for: 'filter-status' }, 'Status'), statusFilter),
      el('div', { className: 'field' }, el('label', { for: 'filter-event' }, 'Event'), eventFilter)),
    el('table', { id: 'deliveries' },
      el('caption', { className: 'visually-hidden' }, 'Deliveries, newest first'),
      el('thead', {}, el('tr', {}, ['Created', 'Event', 'Status', 'Attempts', ''].map((h) => el('th', { scope: 'col' }, h)))),
      deliveries),
    more);
  await load();
  if (focus) document.getElementById(focus)?.focus();
}

/** Delivered ÷ ended deliveries per hour (Send Tests aside), over the latest 100, as bars with a text equivalent. */
function successChart(deliveries) {
  const hours = new Map();
  for (const delivery of deliveries) {
    if (delivery.test || !['delivered', 'dropped'].includes(delivery.status)) continue;
    const hour = delivery.created_at.slice(0, 13);
    const bucket = hours.get(hour) ?? { delivered: 0, ended: 0 };
    bucket.ended += 1;
    if (delivery.status === 'delivered') bucket.delivered += 1;
    hours.set(hour, bucket);
  }
  const buckets = [...hours.entries()].sort(([a], [b]) => a.localeCompare(b)).slice(-24);
  if (buckets.length === 0) return el('p', { className: 'hint' }, 'No ended deliveries yet.');
  const width = 24;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', `0 0 ${buckets.length * width} 100`);
  svg.setAttribute('height', '100');
  svg.setAttribute('role', 'img');
  const summary = buckets.map(([hour, b]) => `${hour}:00 UTC ${Math.round((100 * b.delivered) / b.ended)}% of ${b.ended}`).join('; ');
  svg.setAttribute('aria-label', `Success rate per hour: ${summary}`);
  buckets.forEach(([hour, b], i) => {
    const rate = b.delivered / b.ended;
    const bar = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    bar.setAttribute('x', String(i * width + 3));
    bar.setAttribute('y', String(100 - Math.max(2, rate * 100)));
    bar.setAttribute('width', String(width - 6));
    bar.setAttribute('height', String(Math.max(2, rate * 100)));
    bar.setAttribute('fill', rate >= 0.95 ? '#1b7a3d' : rate >= 0.5 ? '#8a5a00' : '#b3261e');
    const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.textContent = `${hour}:00 UTC: ${b.delivered} of ${b.ended} delivered`;
    bar.append(title);
    svg.append(bar);
  });
  return el('figure', {}, svg, el('figcaption', { className: 'hint', id: 'chart-caption' }, summary));
}

// ---- routing --------------------------------------------------------------------------------

async function route() {
  if (!sessionStorage.getItem(KEY)) {
    signIn();
    return;
  }
  document.getElementById('sign-out').hidden = false;
  const path = location.hash.replace(/^#/, '') || '/';
  try {
    let match;
    if (path === '/new') await addView();
    else if ((match = path.match(/^\/webhooks\/([\w-]+)\/edit$/))) await editView(match[1]);
    else if ((match = path.match(/^\/webhooks\/([\w-]+)$/))) await webhookView(match[1]);
    else await listView();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    show('Error', el('h1', {}, 'Something went wrong'), problemNotice(error), el('a', { href: '#/' }, 'Back to your webhooks'));
  }
}

document.getElementById('sign-out').addEventListener('click', () => signOut());
// the skip link moves focus without touching the hash, which is the router's
document.querySelector('.skip').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', route);
route();
