// The Autocall dashboard: plain JavaScript, no framework. Every request goes to this page's own origin
// (relative URLs, so a stage prefix in the path works too) with the API key from session storage.
// Phone numbers are shown on the page, which belongs to the business, but never written to the console.
(function () {
  'use strict';

  var KEY = 'autocall.apiKey';
  var PAGE_SIZE = 50;
  var $ = function (id) { return document.getElementById(id); };
  var charts = {};
  var campaignIds = [];
  var nextCursor = null;

  // ------------------------------------------------------------------ key and errors

  function apiKey() { return sessionStorage.getItem(KEY); }

  function showSignIn(message) {
    sessionStorage.removeItem(KEY);
    $('dashboard').hidden = true;
    $('sign-out').hidden = true;
    $('sign-in').hidden = false;
    if (message) { showError(message); } else { clearError(); }
    $('api-key').value = '';
    $('api-key').focus();
  }

  function showDashboard() {
    $('sign-in').hidden = true;
    $('sign-out').hidden = false;
    $('dashboard').hidden = false;
    clearError();
    refresh();
  }

  function showError(message) {
    var box = $('error');
    box.textContent = message;
    box.hidden = false;
  }

  function clearError() {
    $('error').hidden = true;
    $('error').textContent = '';
  }

  /** A failed request: its status and the API's message; the page says it, the console never does. */
  function ApiError(status, message) {
    this.status = status;
    this.message = message;
  }

  function request(path, params) {
    var url = path + query(params);
    return fetch(url, { headers: { 'Authorization': 'Bearer ' + apiKey(), 'Accept': 'application/json' }, cache: 'no-store' })
      .then(function (response) {
        if (response.ok) { return response; }
        return response.text().then(function (text) {
          var message = 'HTTP ' + response.status;
          try {
            var body = JSON.parse(text);
            if (body && body.error && body.error.message) {
              message = body.error.message + (body.error.field ? ' (' + body.error.field + ')' : '');
            }
          } catch (ignored) { /* not JSON: keep the status */ }
          throw new ApiError(response.status, message);
        });
      });
  }

  function getJson(path, params) {
    return request(path, params).then(function (response) { return response.json(); });
  }

  function failed(what) {
    return function (error) {
      if (error instanceof ApiError && error.status === 401) {
        showSignIn('The API key was not accepted (' + error.message + '). Type it again.');
      } else if (error instanceof ApiError) {
        showError(what + ': ' + error.message + ' (' + error.status + ')');
      } else {
        showError(what + ': the API could not be reached.');
      }
    };
  }

  /** Only the parameters that have a value: the API refuses empty ones. */
  function query(params) {
    var parts = [];
    Object.keys(params || {}).forEach(function (name) {
      var value = params[name];
      if (value !== undefined && value !== null && value !== '') {
        parts.push(encodeURIComponent(name) + '=' + encodeURIComponent(value));
      }
    });
    return parts.length ? '?' + parts.join('&') : '';
  }

  // ------------------------------------------------------------------ formatting

  function percent(rate) {
    return (Math.round((rate || 0) * 1000) / 10).toFixed(1) + ' %';
  }

  function count(n) { return (n || 0).toLocaleString('en-US'); }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) { return ''; }
    var s = Math.round(seconds);
    return s < 60 ? s + ' s' : Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
  }

  function isoDate(date) {
    var m = date.getMonth() + 1, d = date.getDate();
    return date.getFullYear() + '-' + (m < 10 ? '0' : '') + m + '-' + (d < 10 ? '0' : '') + d;
  }

  function localDay(text, plusDays) {
    var parts = text.split('-');
    return new Date(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2]) + (plusDays || 0));
  }

  // ------------------------------------------------------------------ analytics

  function filters() {
    return {
      from: $('from').value,
      to: $('to').value,
      granularity: $('granularity').value,
      workflow: $('f-workflow').value.trim(),
      campaign: $('f-campaign').value.trim(),
      callerId: $('f-callerId').value.trim()
    };
  }

  function loadAnalytics() {
    return getJson('v1/analytics', filters()).then(showAnalytics, failed('Analytics'));
  }

  function showAnalytics(a) {
    var values = {
      attempted: count(a.attempted),
      connected: count(a.connected),
      connectRate: percent(a.connectRate),
      completed: count(a.completed),
      completionRate: percent(a.completionRate),
      averageDuration: duration(a.durationSeconds ? a.durationSeconds.average : 0),
      ivrResponseRate: percent(a.ivrResponseRate),
      optOutRate: percent(a.optOutRate)
    };
    Array.prototype.forEach.call(document.querySelectorAll('#tiles .tile'), function (tile) {
      tile.querySelector('.value').textContent = values[tile.getAttribute('data-metric')];
    });
    $('range-note').textContent = 'From ' + a.from + ' to ' + a.to + ' (' + a.timeZone + '), test calls excluded.';
    var trend = a.trend || [];
    chart('trend-chart').setOption({
      tooltip: { trigger: 'axis' },
      legend: { data: ['Attempted', 'Connected'] },
      grid: { left: 40, right: 16, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: trend.map(function (p) { return p.start; }) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: 'Attempted', type: 'line', data: trend.map(function (p) { return p.attempted; }) },
        { name: 'Connected', type: 'line', data: trend.map(function (p) { return p.connected; }) }
      ]
    }, true);
    var outcomes = Object.keys(a.outcomes || {}).map(function (name) { return { name: name, value: a.outcomes[name] }; });
    chart('outcome-chart').setOption({
      tooltip: { trigger: 'item' },
      legend: { type: 'scroll', bottom: 0 },
      series: [{ name: 'Outcomes', type: 'pie', radius: ['35%', '65%'], data: outcomes }]
    }, true);
    var callers = a.byCallerId || [];
    chart('callerid-chart').setOption({
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return v + ' %'; } },
      grid: { left: 110, right: 16, top: 16, bottom: 30 },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
      yAxis: { type: 'category', data: callers.map(function (c) { return c.callerId; }) },
      series: [{ name: 'Answer rate', type: 'bar',
        data: callers.map(function (c) { return Math.round(c.connectRate * 1000) / 10; }) }]
    }, true);
  }

  function chart(id) {
    if (!charts[id]) { charts[id] = echarts.init($(id)); }
    return charts[id];
  }

  // ------------------------------------------------------------------ campaigns

  function addCampaign(id) {
    if (id && campaignIds.indexOf(id) < 0) {
      campaignIds.push(id);
      loadCampaign(id);
    }
  }

  function loadCampaign(id) {
    return getJson('v1/campaigns/' + encodeURIComponent(id)).then(showCampaign, failed('Campaign ' + id));
  }

  function showCampaign(c) {
    var p = c.progress || {};
    var card = document.querySelector('.campaign[data-campaign="' + CSS.escape(c.id) + '"]');
    if (!card) {
      card = document.createElement('article');
      card.className = 'campaign';
      card.setAttribute('data-campaign', c.id);
      $('campaigns').appendChild(card);
    }
    card.textContent = '';
    var title = document.createElement('h3');
    title.textContent = (c.name || c.id) + (c.status ? ' · ' + c.status : '');
    card.appendChild(title);
    var done = (p.completed || 0) + (p.failed || 0) + (p.cancelled || 0) + (p.expired || 0);
    var bar = document.createElement('progress');
    bar.max = p.total || 0;
    bar.value = done;
    card.appendChild(bar);
    var summary = document.createElement('div');
    summary.className = 'done';
    summary.textContent = done + ' of ' + (p.total || 0) + ' done (' + percent(p.total ? done / p.total : 0) + ')';
    card.appendChild(summary);
    var list = document.createElement('dl');
    ['pending', 'inProgress', 'deferred', 'completed', 'failed', 'cancelled', 'expired'].forEach(function (name) {
      var dt = document.createElement('dt');
      dt.textContent = name === 'inProgress' ? 'in progress' : name;
      var dd = document.createElement('dd');
      dd.setAttribute('data-count', name);
      dd.textContent = count(p[name]);
      list.appendChild(dt);
      list.appendChild(dd);
    });
    card.appendChild(list);
  }

  // ------------------------------------------------------------------ call log

  function callFilters() {
    var range = filters();
    return {
      from: range.from ? localDay(range.from).toISOString() : '',
      // The whole last day: up to the millisecond before the next local midnight.
      to: range.to ? new Date(localDay(range.to, 1).getTime() - 1).toISOString() : '',
      status: $('c-status').value,
      outcome: $('c-outcome').value.trim(),
      direction: $('c-direction').value,
      workflow: $('c-workflow').value.trim(),
      campaign: $('c-campaign').value.trim(),
      flow: $('c-flow').value.trim(),
      callerId: $('c-callerId').value.trim(),
      test: $('c-test').value
    };
  }

  function loadCalls(more) {
    var params = callFilters();
    params.limit = PAGE_SIZE;
    if (more) { params.cursor = nextCursor; } else { $('calls').querySelector('tbody').textContent = ''; }
    return getJson('v1/calls', params).then(function (page) {
      var body = $('calls').querySelector('tbody');
      (page.calls || []).forEach(function (call) {
        body.appendChild(row(call));
        if (call.campaign) { addCampaign(call.campaign); }
      });
      nextCursor = page.nextCursor || null;
      $('more').hidden = !nextCursor;
      $('calls-empty').hidden = body.children.length > 0;
    }, failed('Call log'));
  }

  function row(call) {
    var tr = document.createElement('tr');
    tr.setAttribute('data-call', call.id);
    [new Date(call.at).toLocaleString(), call.direction, call.contact, call.contactName, call.workflow, call.campaign,
      call.flow, call.status, call.outcome, call.reason, duration(call.durationSeconds), call.keys, call.callerId,
      call.attempt].forEach(function (value) {
      var td = document.createElement('td');
      td.textContent = value === null || value === undefined ? '' : String(value);
      tr.appendChild(td);
    });
    var rec = document.createElement('td');
    if (call.recordingUrl) {
      var link = document.createElement('a');
      link.href = call.recordingUrl;
      link.rel = 'noopener noreferrer';
      link.target = '_blank';
      link.textContent = 'listen';
      rec.appendChild(link);
    }
    tr.appendChild(rec);
    return tr;
  }

  /** The CSV needs the key in a header, so it is fetched, then saved from a blob. */
  function downloadCsv() {
    return request('v1/calls.csv', callFilters()).then(function (response) {
      return response.blob();
    }).then(function (blob) {
      var link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'calls-' + $('from').value + '-to-' + $('to').value + '.csv';
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    }, failed('CSV export'));
  }

  // ------------------------------------------------------------------ wiring

  function refresh() {
    clearError();
    loadAnalytics();
    loadCalls(false);
    campaignIds.forEach(loadCampaign);
  }

  document.addEventListener('DOMContentLoaded', function () {
    var today = new Date();
    $('to').value = isoDate(today);
    $('from').value = isoDate(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29));
    $('key-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var key = $('api-key').value.trim();
      if (key) {
        sessionStorage.setItem(KEY, key);
        showDashboard();
      }
    });
    $('sign-out').addEventListener('click', function () {
      campaignIds = [];
      $('campaigns').textContent = '';
      showSignIn(null);
    });
    $('range').addEventListener('submit', function (e) { e.preventDefault(); refresh(); });
    $('call-filters').addEventListener('submit', function (e) { e.preventDefault(); clearError(); loadCalls(false); });
    $('more').addEventListener('click', function () { loadCalls(true); });
    $('csv').addEventListener('click', downloadCsv);
    $('campaign-form').addEventListener('submit', function (e) {
      e.preventDefault();
      addCampaign($('campaign-id').value.trim());
      $('campaign-id').value = '';
    });
    window.addEventListener('resize', function () {
      Object.keys(charts).forEach(function (id) { charts[id].resize(); });
    });
    if (apiKey()) { showDashboard(); } else { showSignIn(null); }
  });
}());
