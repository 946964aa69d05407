// The Pipelines and Components views as a user works through them, against the in-page sandbox
// (no API form): create a component, see it listed and read its content; create a pipeline that
// runs it; "Run now" and watch the run in the task tray until it finishes, the tray staying while
// the user moves to another view; cancel a second run from the tray; delete the pipeline and then
// the component, each after typing its name. Every ID is read from the page. Screenshots
// (pipelines-*, components-*, tray-*) at 1280 and 390 px go to tests/console/artifacts/.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { consoleSuite } from './suite.mjs';
import { dialog, labelled, screenshot, SEED, task, tray, unexpectedConsole } from './support.mjs';

const suite = consoleSuite({ path: '/#/components' });

const COMPONENT = 'e2e-setup';
const PIPELINE = 'e2e-web';
const CONTENT = 'RUN echo hello\nRUN yum install -y nginx';

const nav = (page, name) => page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name, exact: true });

/** The page scrolls sideways (it must not, at either width). */
async function overflows(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** Screenshots of the page at 1280 and at 390 px wide (then back to 1280), checking the layout holds. */
async function shots(page, name) {
  await screenshot(page, `${name}-1280`);
  assert.equal(await overflows(page), false, `${name} scrolls sideways at 1280 px`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-390`);
  assert.equal(await overflows(page), false, `${name} scrolls sideways at 390 px`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Fills the open dialog's fields (by their labels in words) and leaves each. */
async function fillDialog(page, values) {
  for (const [label, value] of Object.entries(values)) {
    const control = labelled(page, label);
    await control.fill(value);
    await control.blur();
  }
}

/** Runs the open dialog with its main button and waits for it to close. */
async function runDialog(page, action) {
  await dialog(page).getByRole('button', { name: action, exact: true }).click();
  await dialog(page).waitFor({ state: 'detached', timeout: 15_000 });
}

/** The route in the address bar. */
const hash = (page) => page.evaluate(() => location.hash);

describe('components and pipelines, through the views', () => {
  const ctx = {};

  test('create a component, see it listed and view its content', async () => {
    const { page } = suite.tab;
    await page.getByRole('heading', { name: 'Components', level: 2 }).waitFor();
    await page.getByText(`No components in ${SEED.region} yet.`).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Create component' }).click();
    await dialog(page).getByRole('heading', { name: 'Create component' }).waitFor();
    // The catalogue's defaults are chosen, in words beside the SDK names.
    assert.equal(await labelled(page, 'Type').inputValue(), 'Build');
    assert.equal(await labelled(page, 'Operating system').inputValue(), 'Linux');
    await fillDialog(page, { 'Component name': COMPONENT, Content: CONTENT, Version: '1.0.0' });
    assert.match(await dialog(page).locator('.plan').innerText(), new RegExp(`CreateImageComponent · ${SEED.region}`));
    await screenshot(page, 'components-create-dialog-1280');
    await runDialog(page, 'Create component');
    // The new component is listed and opened: its route, its attributes, its content.
    const row = page.locator('table.manager-table tbody tr', { hasText: COMPONENT });
    await row.waitFor();
    ctx.componentId = (await row.locator('code').innerText()).trim();
    assert.match(ctx.componentId, /^ic-/);
    assert.equal(await hash(page), `#/components/${SEED.region}/${ctx.componentId}`);
    const detail = page.getByRole('region', { name: `Component ${COMPONENT}` });
    await detail.waitFor();
    assert.equal(await detail.locator('pre.content').innerText(), CONTENT);
    await detail.getByRole('button', { name: 'Copy content' }).waitFor();
    assert.match(await row.innerText(), /Build\s+Linux\s+1\.0\.0/);
    await shots(page, 'components-content');
  });

  test('create a pipeline that runs the component', async () => {
    const { page } = suite.tab;
    await nav(page, 'Pipelines').click();
    await page.getByRole('heading', { name: 'Pipelines', level: 2 }).waitFor();
    // The demo seed's pipeline (crates/emulator/README.md) is listed once the region is loaded.
    await page.locator('table.manager-table tbody tr', { hasText: SEED.pipeline }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Create pipeline' }).click();
    await dialog(page).getByRole('heading', { name: 'Create pipeline' }).waitFor();
    await fillDialog(page, { 'Pipeline name': PIPELINE, 'Base image': SEED.publicImage, Description: 'built by the e2e test' });
    // The component picker offers the region's components: ticking one adds its COMPONENT line.
    const pick = dialog(page).getByLabel(COMPONENT);
    await pick.check();
    await dialog(page).locator('summary', { hasText: 'More options' }).click();
    assert.equal(await labelled(page, 'Build commands').inputValue(), `COMPONENT ${ctx.componentId}`);
    await shots(page, 'pipelines-create-dialog');
    await runDialog(page, 'Create pipeline');
    const row = page.locator('table.manager-table tbody tr', { hasText: PIPELINE });
    await row.waitFor();
    ctx.pipelineId = (await row.locator('code').innerText()).trim();
    assert.match(ctx.pipelineId, /^ip-/);
    assert.equal(await hash(page), `#/pipelines/${SEED.region}/${ctx.pipelineId}`);
    const detail = page.getByRole('region', { name: `Pipeline ${PIPELINE}` });
    assert.match(await detail.locator('pre.content').first().innerText(), new RegExp(`COMPONENT ${ctx.componentId}`));
    await detail.getByText('No runs yet').waitFor();
  });

  test('"Run now": the run is followed in the tray, across views, until it succeeds', async () => {
    const { page } = suite.tab;
    await page.getByRole('button', { name: `Run ${PIPELINE} now` }).first().click();
    const running = task(page, `Run of ${PIPELINE}`);
    await running.waitFor();
    await running.locator('.badge').waitFor();
    await screenshot(page, 'tray-running-1280');
    // The tray stays while the user moves to another view, and links back to the pipeline.
    await nav(page, 'Components').click();
    await page.getByRole('heading', { name: 'Components', level: 2 }).waitFor();
    assert.equal(await running.count(), 1, 'the task is gone from the tray in another view');
    await shots(page, 'tray-other-view');
    await running.getByRole('link', { name: `Run of ${PIPELINE}` }).click();
    await page.getByRole('region', { name: `Pipeline ${PIPELINE}` }).waitFor();
    // Until it ends: Done, said in the live region, the run's timeline all done, its last run SUCCESS.
    await running.locator('.task-outcome', { hasText: 'Done' }).waitFor({ timeout: 30_000 });
    await page.getByRole('status').filter({ hasText: `Run of ${PIPELINE}: done (SUCCESS).` }).waitFor();
    const runs = page.getByRole('list', { name: 'Executions' });
    await runs.locator('li.execution .badge', { hasText: 'SUCCESS' }).waitFor({ timeout: 10_000 });
    assert.equal(await runs.locator('li.execution').count(), 1);
    const row = page.locator('table.manager-table tbody tr', { hasText: PIPELINE });
    await row.locator('.badge', { hasText: 'SUCCESS' }).waitFor({ timeout: 10_000 });
    await shots(page, 'pipelines-detail');
  });

  test('a second run is cancelled from the tray', async () => {
    const { page } = suite.tab;
    await task(page, `Run of ${PIPELINE}`).getByRole('button', { name: 'Dismiss' }).click();
    await page.getByRole('button', { name: `Run ${PIPELINE} now` }).first().click();
    const second = task(page, `Run of ${PIPELINE}`);
    // Only a run still preparing or building can be cancelled (1.5 s in the sandbox).
    await second.getByRole('button', { name: `Cancel Run of ${PIPELINE}` }).click();
    await second.locator('.task-outcome', { hasText: 'Cancelled' }).waitFor({ timeout: 30_000 });
    await page.getByRole('status').filter({ hasText: `Run of ${PIPELINE}: cancelled (CANCELLED).` }).waitFor();
    const runs = page.getByRole('list', { name: 'Executions' });
    await runs.locator('li.execution').nth(1).waitFor({ timeout: 10_000 });
    await runs.locator('li.execution').first().locator('.badge', { hasText: 'CANCELLED' }).waitFor({ timeout: 10_000 });
    await shots(page, 'tray-cancelled');
  });

  test('delete the pipeline, then the component, each after typing its name', async () => {
    const { page } = suite.tab;
    await page.getByRole('button', { name: `Delete ${PIPELINE}` }).first().click();
    await dialog(page).getByRole('heading', { name: `Delete pipeline ${PIPELINE}` }).waitFor();
    const what = dialog(page).getByRole('list', { name: 'What it destroys' });
    assert.match(await what.innerText(), new RegExp(`${PIPELINE} \\(${ctx.pipelineId}\\)`));
    // Not before the name is typed: the reason says so and the focus goes to the confirmation.
    const run = dialog(page).getByRole('button', { name: 'Delete pipeline', exact: true });
    assert.equal(await run.getAttribute('aria-disabled'), 'true');
    await run.click({ force: true });
    assert.equal(await dialog(page).locator('#dialog-reason').innerText(), `Type ${PIPELINE} above to confirm.`);
    await page.waitForFunction(() => document.activeElement?.id === 'dialog-confirm');
    await screenshot(page, 'pipelines-delete-dialog-1280');
    await page.keyboard.type(PIPELINE);
    assert.equal(await run.getAttribute('aria-disabled'), 'false');
    await runDialog(page, 'Delete pipeline');
    await page.locator('table.manager-table tbody tr', { hasText: PIPELINE }).waitFor({ state: 'detached' });
    assert.equal(await hash(page), `#/pipelines/${SEED.region}`);

    await nav(page, 'Components').click();
    await page.getByRole('button', { name: `Delete ${COMPONENT}` }).click();
    await dialog(page).getByLabel('To confirm, type').fill(COMPONENT);
    await runDialog(page, 'Delete component');
    await page.getByText(`No components in ${SEED.region} yet.`).waitFor();
    await shots(page, 'components-empty');
  });

  test('every call went to the sandbox in the page, and none failed or logged an error', async () => {
    const { page, seen } = suite.tab;
    assert.deepEqual(suite.server.apiCalls(), []);
    assert.deepEqual(unexpectedConsole(seen), []);
    assert.deepEqual(seen.pageErrors, []);
    // The calls are in the API view's history too, for developers.
    await nav(page, 'API').click();
    const history = await page.getByRole('region', { name: 'History' }).innerText();
    for (const action of ['CreateImageComponent', 'CreateImagePipeline', 'StartImagePipelineExecution', 'CancelImagePipelineExecution', 'DeleteImagePipeline', 'DeleteImageComponent']) {
      assert.match(history, new RegExp(action), action);
    }
  });
});
