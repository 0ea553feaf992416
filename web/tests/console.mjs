// Browser test of the pages against a running chatkit-server (in front of the example agent),
// in Debian's Chromium through playwright-core (no browser download):
//
//   node tests/console.mjs <server url> <artifacts dir> [<server url in front of hitl_agent>]
//
// Run by server/tests/browser.rs. Exits non-zero on the first failed check; screenshots go to
// the artifacts directory.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [base, artifacts, hitl] = process.argv.slice(2);
assert.ok(base && artifacts, 'usage: node tests/console.mjs <server url> <artifacts dir>');
fs.mkdirSync(artifacts, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let current = 'start';
const step = (name) => {
  current = name;
  console.log(`browser: ${name}`);
};
const errors = [];
let cdnRequests = 0;
const pages = [];

async function newPage(context) {
  const page = await context.newPage();
  pages.push(page);
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  // The pages must work under their Content-Security-Policy: any violation fails the test.
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) errors.push(`${page.url()}: ${message.text()}`);
  });
  return page;
}

async function newContext() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  // Nothing leaves the machine: the CDN and outside links are answered here.
  await context.route(/^https:\/\/cdn\.platform\.openai\.com\//, (route) => {
    cdnRequests += 1;
    return route.abort();
  });
  await context.route(/^https:\/\/en\.wikipedia\.org\//, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Wikipedia (stub)</title>' }));
  // A copy of every answer of the ChatKit endpoint as the page receives it, for the checks of
  // what the server said (nextResponse).
  await context.addInitScript(() => {
    const original = window.fetch.bind(window);
    window.chatkitResponses = [];
    window.fetch = async (input, init) => {
      const response = await original(input, init);
      const url = typeof input === 'string' ? input : input.url;
      if (!url.endsWith('/langgraph/chatkit') || !response.body) return response;
      let type;
      try {
        type = JSON.parse(init?.body ?? '{}').type;
      } catch {
        type = undefined;
      }
      const record = { type, status: response.status, contentType: response.headers.get('content-type'), body: '', done: false };
      window.chatkitResponses.push(record);
      const [copy, live] = response.body.tee();
      void new Response(copy).text().then((text) => Object.assign(record, { body: text, done: true }));
      return new Response(live, { status: response.status, statusText: response.statusText, headers: response.headers });
    };
  });
  return context;
}

/** Sends a message from the composer, once the previous turn is over. */
async function send(page, text) {
  await page.getByRole('button', { name: 'Send' }).waitFor({ timeout: 20_000 });
  await page.getByLabel('Message').fill(text);
  await page.getByLabel('Message').press('Enter');
}

/** The text of the last assistant message, once it contains `expected`. */
async function answer(page, expected) {
  const last = page.locator('.item.assistant').filter({ hasText: expected }).last();
  await last.waitFor({ timeout: 20_000 });
  return last.textContent();
}

/**
 * The next answer of the server to a ChatKit request of `type` that `action` makes the page
 * send, as the page received it: `{ status, contentType, body }`. Every page keeps a copy of
 * each answer (see `newContext`); the stream is teed, so the console still reads it live.
 */
async function nextResponse(page, type, action) {
  const count = (t) => window.chatkitResponses.filter((r) => r.type === t).length;
  const before = await page.evaluate(count, type);
  await action();
  await page.waitForFunction(
    ([t, n]) => window.chatkitResponses.filter((r) => r.type === t && r.done).length > n,
    [type, before],
    { timeout: 20_000 },
  );
  return page.evaluate((t) => window.chatkitResponses.filter((r) => r.type === t && r.done).at(-1), type);
}

/** The events of an SSE answer. */
function sse(response) {
  assert.match(response.contentType ?? '', /^text\/event-stream/);
  return response.body
    .split('\n\n')
    .map((event) => event.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n'))
    .filter((data) => data)
    .map((data) => JSON.parse(data));
}

/** The finished assistant messages among events: id and text. */
function assistantMessages(events) {
  return events
    .filter((e) => e.type === 'thread.item.done' && e.item.type === 'assistant_message')
    .map((e) => ({ id: e.item.id, text: e.item.content.map((c) => c.text).join('') }));
}

try {
  const context = await newContext();
  const page = await newPage(context);

  step('the official page explains that the CDN is out of reach and points to the console');
  await page.goto(`${base}/`);
  await page.getByText('The ChatKit UI could not load').waitFor({ timeout: 10_000 });
  assert.equal(await page.getByRole('link', { name: 'Open the offline console' }).getAttribute('href'), '/console');
  assert.ok(cdnRequests > 0, 'the page asked the CDN for the ChatKit runtime (its CSP allows it)');

  step('a reply streams in: several paints before it is done');
  await page.goto(`${base}/console`);
  await page.evaluate(() => {
    window.paints = [];
    new MutationObserver(() => {
      const all = document.querySelectorAll('.item.assistant .markdown');
      const last = all[all.length - 1];
      if (last) window.paints.push(last.textContent.length);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await send(page, 'a slow answer please');
  await answer(page, 'word10');
  const paints = [...new Set(await page.evaluate(() => window.paints))];
  assert.ok(paints.length > 3, `the text arrived in ${paints.length} paint(s): ${paints}`);
  await page.getByRole('link', { name: 'a slow answer please' }).waitFor();

  step('a carousel: its pictures load and a card button opens its link');
  await send(page, 'show me a carousel');
  const carousel = page.locator('[data-widget-root="Card"]').filter({ hasText: 'Acropolis' });
  await carousel.waitFor();
  const picture = carousel.locator('img').first();
  await picture.evaluate((img) => (img.complete ? null : new Promise((resolve) => { img.onload = img.onerror = resolve; })));
  assert.ok(await picture.evaluate((img) => img.naturalWidth > 0), 'the carousel picture loaded');
  const [popup] = await Promise.all([
    context.waitForEvent('page'),
    carousel.getByRole('button', { name: /Open/ }).first().click(),
  ]);
  await popup.waitForLoadState();
  assert.match(popup.url(), /wikipedia\.org\/wiki\/Acropolis_of_Athens/);
  await popup.close();

  step('a yes/no interrupt: answering it resumes the run');
  await send(page, 'pay my installment');
  const question = page.locator('[data-widget-root="Card"]').filter({ hasText: 'Pay the next installment' });
  await question.getByRole('button', { name: 'Yes' }).click();
  await answer(page, 'Your answer: yes. Done.');
  await question.getByText('Answered: Yes').waitFor();
  assert.equal(await question.getByRole('button', { name: 'Yes' }).count(), 0, 'the buttons are gone');

  step('a choice: ChatKit\'s structured input, answered in place');
  await send(page, 'which account?');
  const choice = page.locator('.item.structured').filter({ hasText: 'Which account should I use?' });
  await choice.getByRole('radio', { name: 'savings' }).check();
  const chosen = await nextResponse(page, 'threads.add_structured_input', () => choice.getByRole('button', { name: 'Answer' }).click());
  assert.equal(chosen.status, 200);
  await answer(page, 'Your answer: savings. Done.');
  await choice.getByText('savings', { exact: true }).waitFor();
  assert.equal(await choice.getAttribute('data-status'), 'answered');

  step('feedback on an answer');
  await page.locator('.item.assistant').last().getByRole('button', { name: 'Good answer' }).click();
  await page.getByText('Thanks for the feedback.').waitFor();

  step('retry: the server answers the retry anew and the agent remembers only the new answer');
  await page.getByRole('button', { name: '+ New thread' }).click();
  const created = await nextResponse(page, 'threads.create', () => send(page, 'hello there'));
  await answer(page, 'You said: hello there');
  const first = assistantMessages(sse(created));
  assert.deepEqual(first.map((m) => m.text), ['You said: hello there'], 'the first answer');
  const retried = await nextResponse(page, 'threads.retry_after_item', () => page.getByRole('button', { name: /Retry/ }).click());
  assert.equal(retried.status, 200, 'the retry is answered');
  const again = assistantMessages(sse(retried));
  assert.equal(again.length, 1, 'the retry streams one new answer');
  assert.equal(again[0].text, 'You said: hello there');
  assert.notEqual(again[0].id, first[0].id, 'a new answer, not the old one');
  await page.getByRole('button', { name: /Retry/ }).waitFor();
  assert.equal(await page.locator('.item.assistant').count(), 1, 'the retried answer replaced the old one');
  // The agent's memory: the message and one answer, then the question (3), not the discarded
  // answer as well (an append would make it 5).
  await send(page, 'what do you remember?');
  await answer(page, 'I remember 3 messages.');

  await page.screenshot({ path: path.join(artifacts, 'console-light.png'), fullPage: true });
  await page.getByRole('button', { name: 'Switch theme' }).click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.screenshot({ path: path.join(artifacts, 'console-dark.png'), fullPage: true });

  step('reload: the threads are still there');
  await page.reload();
  await page.locator('.item.assistant').filter({ hasText: 'I remember 3 messages.' }).waitFor();
  await page.locator('aside li').nth(1).waitFor();
  assert.equal(await page.locator('aside li').count(), 2, 'two threads in the list');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'the theme is kept');

  step('keyboard: Tab from the new-thread button reaches the composer, Enter sends');
  await page.getByRole('button', { name: '+ New thread' }).click();
  await page.locator('.item').first().waitFor({ state: 'detached' });
  let presses = 0;
  while (!(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Message'))) {
    assert.ok(presses < 10, `Tab never reached the composer (at ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80))})`);
    await page.keyboard.press('Tab');
    presses += 1;
  }
  assert.ok(presses >= 2, `the composer is reached by tabbing past the thread list (${presses} presses)`);
  await page.keyboard.type('Καλημέρα');
  await page.keyboard.press('Enter');
  await answer(page, 'Είπατε: Καλημέρα');
  await page.keyboard.press('Shift+Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Message', 'Shift+Tab leaves the composer');

  step('another browser: threads.list answers 200 with none of these threads');
  const other = await newContext();
  const stranger = await newPage(other);
  await stranger.goto(`${base}/console`);
  await stranger.waitForFunction(() => window.chatkitResponses.some((r) => r.type === 'threads.list' && r.done));
  const listed = await stranger.evaluate(() => window.chatkitResponses.find((r) => r.type === 'threads.list'));
  assert.equal(listed.status, 200, 'threads.list is answered');
  assert.deepEqual(JSON.parse(listed.body), { data: [], has_more: false }, 'and lists no thread');
  await stranger.getByText(/Ask something/).waitFor();
  assert.equal(await stranger.locator('aside li').count(), 0);
  await other.close();

  if (hitl) {
    step('human in the loop: an approval answered with an edit of its arguments');
    const reviewer = await newPage(await newContext());
    await reviewer.goto(`${hitl}/console`);
    await send(reviewer, 'email Ana');
    const single = reviewer.locator('[data-widget-root="Card"]').filter({ hasText: 'Review send_email' });
    await single.waitFor();
    await single.getByText('Lunch on Friday').first().waitFor();
    await single.getByRole('radiogroup', { name: 'Decision on send_email' }).getByRole('radio', { name: 'Edit' }).check();
    await single.locator('input[name="arg_0_subject"]').fill('Lunch on Saturday');
    const edited = await nextResponse(reviewer, 'threads.custom_action', () => single.getByRole('button', { name: 'Submit' }).click());
    assert.equal(edited.status, 200);
    await answer(reviewer, "Email sent to ana@example.com with the subject 'Lunch on Saturday'.");
    await single.getByText('Edited send_email').waitFor();
    assert.equal(await single.getByRole('button', { name: 'Submit' }).count(), 0, 'the form is gone once answered');

    step('human in the loop: two calls, one approved and one rejected with a reason');
    await send(reviewer, 'email Ana and delete the draft');
    const both = reviewer.locator('[data-widget-root="Card"]').filter({ hasText: 'Review 2 actions' });
    await both.waitFor();
    const deletion = both.getByRole('radiogroup', { name: 'Decision on delete_file' });
    assert.deepEqual(await deletion.getByRole('radio').evaluateAll((radios) => radios.map((r) => r.value)), ['approve', 'reject'],
      'delete_file offers only what its review config allows');
    await deletion.getByRole('radio', { name: 'Reject' }).check();
    await both.getByRole('radiogroup', { name: 'Decision on send_email' }).getByRole('radio', { name: 'Approve' }).check();
    await both.locator('textarea[name="message_1"]').fill('Keep the draft.');
    await both.screenshot({ path: path.join(artifacts, 'review-form.png') });
    await both.getByRole('button', { name: 'Submit' }).click();
    await answer(reviewer, 'Skipped delete_file.');
    await both.getByText('Rejected delete_file: Keep the draft.').waitFor();
    await reviewer.locator('.item.workflow').getByText('delete_file rejected').first().waitFor({ state: 'attached' });
    await reviewer.screenshot({ path: path.join(artifacts, 'review.png'), fullPage: true });
  }

  step('the widget gallery renders every component');
  await page.goto(`${base}/console#/gallery`);
  await page.locator('.gallery-entry').first().waitFor();
  const report = await page.evaluate(() => {
    const empty = [];
    const kinds = new Set();
    for (const element of document.querySelectorAll('.gallery .widget *')) {
      const classes = [...element.classList].filter((c) => c.startsWith('w-'));
      if (classes.length === 0) continue;
      classes.forEach((c) => kinds.add(c));
      const kind = classes[0];
      const box = element.getBoundingClientRect();
      if (kind !== 'w-spacer' && kind !== 'w-divider' && (box.width === 0 || box.height === 0)) {
        empty.push(`${kind} in ${element.closest('[data-gallery]')?.dataset.gallery}`);
      }
    }
    return { empty, kinds: [...kinds].sort(), entries: document.querySelectorAll('.gallery-entry').length };
  });
  assert.deepEqual(report.empty, [], 'every rendered component has a size');
  for (const kind of ['w-card', 'w-list', 'w-basic', 'w-text', 'w-title', 'w-caption', 'w-markdown', 'w-label', 'w-badge',
    'w-icon', 'w-image', 'w-button', 'w-box', 'w-row', 'w-col', 'w-form', 'w-divider', 'w-transition',
    'w-list-item', 'w-input', 'w-check', 'w-radios', 'w-chart', 'w-table']) {
    assert.ok(report.kinds.includes(kind), `the gallery shows ${kind}: ${report.kinds}`);
  }
  // The page scrolls inside its panes; let the whole gallery into the screenshot.
  await page.addStyleTag({ content: '.console { height: auto; } .gallery { overflow: visible; }' });
  await page.screenshot({ path: path.join(artifacts, 'gallery-dark.png'), fullPage: true });
  await page.getByRole('button', { name: 'Switch theme' }).click();
  await page.screenshot({ path: path.join(artifacts, 'gallery-light.png'), fullPage: true });

  assert.deepEqual(errors, [], 'no script errors');
  console.log(`browser: all checks passed (${report.entries} gallery entries, ${report.kinds.length} component kinds); screenshots in ${artifacts}`);
} catch (error) {
  // What the browser showed when a check failed, for the CI artifacts.
  for (const [i, page] of pages.entries()) {
    await page.screenshot({ path: path.join(artifacts, `failure-${i}.png`), fullPage: true }).catch(() => {});
  }
  console.error(`browser: failed at “${current}” (screenshots: ${artifacts}/failure-*.png)`);
  throw error;
} finally {
  await browser.close();
}
