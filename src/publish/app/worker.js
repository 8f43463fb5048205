// The site's service worker: keeps the coming days for reading offline.
// `CONFIG` above is written by the build: the cache version (a hash of the site's files, so a
// rebuild that changes nothing changes nothing here), the days the site covers, the first days
// of its weeks, and the files every visit needs.
'use strict';

// Cache Storage is shared by the whole origin: a site's caches carry its scope in their names,
// so two sites on one host (`/prayer/`, `/prayer/es/`) never delete each other's.
const PREFIX = 'prayer-guide ' + self.registration.scope + ' ';
const CACHE = PREFIX + CONFIG.version;
const SCOPE = new URL(self.registration.scope);

// A date in the reader's own time zone, as the site names its pages.
function iso(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate());
}

function plusDays(date, n) {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + n);
}

function dayPage(date) {
  return 'days/' + date + '.html';
}

// What to keep: the shell, the next `CONFIG.days` days' pages and this week's page and sheet.
function wanted(now) {
  const paths = CONFIG.shell.slice();
  for (let i = 0; i < CONFIG.days; i++) {
    const date = iso(plusDays(now, i));
    if (date >= CONFIG.from && date <= CONFIG.to) paths.push(dayPage(date));
  }
  const today = iso(now);
  const week = CONFIG.weeks.filter((start) => start <= today).pop();
  if (week && today <= CONFIG.to) {
    paths.push('weeks/' + week + '.html', 'print/' + week + '.html');
  }
  return paths.map((path) => new URL(path, SCOPE).href);
}

// Whether a page may be kept: a complete answer, and never a page of a private build (one
// served under this worker's scope by mistake).
async function keepable(response) {
  if (!response || !response.ok || response.type !== 'basic') return false;
  const type = response.headers.get('content-type') || '';
  if (!type.startsWith('text/html')) return true;
  return !(await response.clone().text()).includes(CONFIG.privateMark);
}

async function keep(cache, request, response) {
  if (await keepable(response)) await cache.put(request, response.clone());
  return response;
}

// Fetches what is missing (or everything, `all`) into the cache; a page that cannot be had
// now is left for the next time.
async function fill(all) {
  const cache = await caches.open(CACHE);
  const urls = wanted(new Date());
  await Promise.all(
    urls.map(async (url) => {
      if (!all && (await cache.match(url))) return;
      try {
        await keep(cache, url, await fetch(url, { cache: 'no-cache' }));
      } catch (e) {
        // Offline or the server is down: the page stays as it was.
      }
    }),
  );
  // Days before yesterday are not read offline any more.
  const yesterday = dayPage(iso(plusDays(new Date(), -1)));
  for (const request of await cache.keys()) {
    const path = request.url.slice(SCOPE.href.length);
    if (path.startsWith('days/') && path < yesterday) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(fill(true).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(PREFIX) && name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// A page asks after each visit: the days ahead move on as the reader's days pass.
let lastTopUp = 0;
self.addEventListener('message', (event) => {
  if (event.data === 'top-up' && Date.now() - lastTopUp > 60 * 1000) {
    lastTopUp = Date.now();
    event.waitUntil(fill(false));
  }
});

// The site's own files; anything else (the sign-up pages, "I will pray") goes to the network
// untouched.
const SITE_FILE =
  /^(|index\.html|today\.html|app\.js|manifest\.webmanifest|icons\/[\w.-]+|(days|weeks|print|countries)\/[\w.-]+)$/;

// Today's page: the network first, so a correction made this morning is read; the copy kept
// when the network fails or takes too long.
async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error('slow')), 4000)),
    ]);
    return await keep(cache, request, response);
  } catch (e) {
    return (await cache.match(request)) || offline(cache);
  }
}

// Every other page: the copy kept at once, refreshed from the network behind it.
async function keptThenRefreshed(event) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(event.request);
  const fresh = fetch(event.request)
    .then((response) => keep(cache, event.request, response))
    .catch(() => null);
  if (kept) {
    event.waitUntil(fresh);
    return kept;
  }
  return (await fresh) || offline(cache);
}

async function offline(cache) {
  return (await cache.match(new URL('index.html', SCOPE).href)) || Response.error();
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== SCOPE.origin) return;
  if (!url.href.startsWith(SCOPE.href) || url.search) return;
  const path = url.href.slice(SCOPE.href.length);
  if (!SITE_FILE.test(path)) return;
  const today = dayPage(iso(new Date()));
  if (path === today || path === '' || path === 'index.html') {
    event.respondWith(networkFirst(event.request));
  } else {
    event.respondWith(keptThenRefreshed(event));
  }
});

// The daily reminder (Web Push, sent by `run` or `serve --with-scheduler`): the day's heading
// and first line. One notification per day: its tag replaces one already shown, so a reminder
// sent again after a stopped run is not seen twice.
self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (e) {
    data = {};
  }
  event.waitUntil(self.registration.showNotification(data.title || self.registration.scope, {
    body: data.body || '',
    tag: data.tag || 'prayer-guide-reminder',
    icon: new URL('icons/icon-192.png', SCOPE).href,
    data: { url: data.url || 'today.html' },
  }));
});

// A click opens the day's page (or focuses it if open), within the site's own address only.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  let url = new URL((event.notification.data && event.notification.data.url) || 'today.html', SCOPE);
  if (!url.href.startsWith(SCOPE.href)) url = new URL('today.html', SCOPE);
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((open) => {
    const same = open.find((client) => client.url === url.href && 'focus' in client);
    return same ? same.focus() : self.clients.openWindow(url.href);
  }));
});
