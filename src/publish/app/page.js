// The site's page script: the offline app (service worker and install hint), the "Today"
// button, the "I will pray" button and the daily reminder. Every page works without it.
(function () {
  'use strict';
  var html = document.documentElement;
  var root = html.getAttribute('data-root') || '';

  function iso(date) {
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate());
  }

  // "Today" opens the page of the reader's own date, by their clock; outside the days the
  // site covers, the front page.
  function todayHref(link) {
    var today = iso(new Date());
    var from = link.getAttribute('data-from');
    var to = link.getAttribute('data-to');
    return today >= from && today <= to ? root + 'days/' + today + '.html' : root + 'index.html';
  }
  var todayLinks = document.querySelectorAll('a[data-today]');
  for (var i = 0; i < todayLinks.length; i++) todayLinks[i].href = todayHref(todayLinks[i]);
  if (html.getAttribute('data-page') === 'today' && todayLinks.length) {
    location.replace(todayLinks[0].href);
    return;
  }

  // The offline app: public sites only (a private build has no worker).
  if (html.hasAttribute('data-app') && 'serviceWorker' in navigator) {
    navigator.serviceWorker.register(root + 'sw.js').catch(function () {});
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.active) registration.active.postMessage('top-up');
    });
  }

  // The install hint appears only where the browser offers to install (Chromium's
  // `beforeinstallprompt`); elsewhere it stays hidden and the browser's own menu installs.
  var install = document.getElementById('install');
  var offer = null;
  if (install) {
    window.addEventListener('beforeinstallprompt', function (event) {
      event.preventDefault();
      offer = event;
      install.hidden = false;
    });
    install.addEventListener('click', function () {
      if (!offer) return;
      offer.prompt();
      offer.userChoice.then(function () { install.hidden = true; offer = null; });
    });
    window.addEventListener('appinstalled', function () { install.hidden = true; });
  }

  // "Remind me daily" (Web Push): shown only where the browser can take a push, the site has
  // its worker, and `serve` answers `push/key` beside the pages (with [push] configured).
  // Notification permission is asked only when the reader presses the button.
  var remind = document.querySelector('.remind');
  if (remind && html.hasAttribute('data-app') && 'serviceWorker' in navigator &&
      'PushManager' in window && 'Notification' in window && window.fetch) {
    var remindButton = remind.querySelector('button');
    var remindHour = remind.querySelector('select');
    var remindOutput = remind.querySelector('output');
    var pushKey = function (text) {
      var b64 = (text + '==='.slice((text.length + 3) % 4)).replace(/-/g, '+').replace(/_/g, '/');
      var raw = atob(b64);
      var key = new Uint8Array(raw.length);
      for (var k = 0; k < raw.length; k++) key[k] = raw.charCodeAt(k);
      return key;
    };
    var post = function (path, body) {
      return fetch(root + path, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        credentials: 'same-origin',
      }).then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); });
    };
    fetch(root + 'push/key', { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (config) {
        if (!config || !config.key) return;
        for (var h = 0; h < 24; h++) {
          var option = document.createElement('option');
          option.value = String(h);
          option.textContent = (h < 10 ? '0' : '') + h + ':00';
          if (h === config.hour) option.selected = true;
          remindHour.appendChild(option);
        }
        var lang = html.getAttribute('lang') || '';
        var language = (config.languages || []).indexOf(lang) >= 0 ? lang : undefined;
        return navigator.serviceWorker.ready.then(function (registration) {
          var show = function (subscribed, message) {
            remindButton.textContent = remind.getAttribute(subscribed ? 'data-off' : 'data-on');
            remindButton.setAttribute('aria-pressed', subscribed ? 'true' : 'false');
            remindOutput.textContent = message || '';
            remindButton.disabled = false;
          };
          return registration.pushManager.getSubscription().then(function (current) {
            show(!!current && Notification.permission === 'granted');
            remind.hidden = false;
            remindButton.addEventListener('click', function () {
              remindButton.disabled = true;
              registration.pushManager.getSubscription().then(function (existing) {
                if (existing && remindButton.getAttribute('aria-pressed') === 'true') {
                  return post('push/unsubscribe', { subscription: existing.toJSON() })
                    .catch(function () { /* gone there already: the browser's side still goes */ })
                    .then(function () { return existing.unsubscribe(); })
                    .then(function () { show(false, remind.getAttribute('data-stopped')); });
                }
                return Notification.requestPermission().then(function (permission) {
                  if (permission !== 'granted') {
                    show(false, remind.getAttribute('data-denied'));
                    return;
                  }
                  return (existing ? Promise.resolve(existing) : registration.pushManager.subscribe({
                    userVisibleOnly: true,
                    applicationServerKey: pushKey(config.key),
                  })).then(function (subscription) {
                    return post('push/subscribe', {
                      subscription: subscription.toJSON(),
                      hour: Number(remindHour.value),
                      language: language,
                    });
                  }).then(function () { show(true, remind.getAttribute('data-done')); });
                });
              }).catch(function () { show(false, remind.getAttribute('data-failed')); });
            });
          });
        });
      })
      .catch(function () {});
  }

  // "I will pray": sent with fetch when it can be, else the form posts as it is.
  var forms = document.querySelectorAll('form.pray');
  Array.prototype.forEach.call(forms, function (form) {
    var date = form.elements.date.value;
    var output = form.querySelector('output');
    var button = form.querySelector('button');
    var said = 'prayer-guide:prayed:' + new URL(form.action).pathname + ':' + date;
    function show(answer) {
      if (answer && answer.text) output.textContent = answer.text;
    }
    function done() {
      button.disabled = true;
      button.textContent = button.getAttribute('data-done');
    }
    try { if (localStorage.getItem(said)) done(); } catch (e) { /* storage refused */ }
    var lang = html.getAttribute('lang') || '';
    fetch(form.action + '/count?date=' + encodeURIComponent(date) + '&lang=' + encodeURIComponent(lang),
      { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(show)
      .catch(function () {});
    form.addEventListener('submit', function (event) {
      if (!window.fetch || !window.URLSearchParams) return;
      event.preventDefault();
      button.disabled = true;
      fetch(form.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(form)),
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      })
        .then(function (r) {
          return r.json().then(function (answer) { return { ok: r.ok, answer: answer }; });
        })
        .then(function (reply) {
          show(reply.answer);
          if (reply.ok) {
            done();
            try { localStorage.setItem(said, '1'); } catch (e) { /* storage refused */ }
          } else {
            button.disabled = false;
          }
        })
        .catch(function () {
          button.disabled = false;
          output.textContent = form.getAttribute('data-offline');
        });
    });
  });
})();
