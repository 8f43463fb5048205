// The site's page script: the offline app (service worker and install hint), the "Today"
// button and the "I will pray" button. Every page works without it.
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
