import { writeFile } from "node:fs/promises";

import { readLaunchConfig, type CurveLaunchConfig } from "../../sdk/src/index.js";
import type { CommandContext } from "../cli/context.js";
import { CliError, fields, print, type ProgressBar, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";
import type { CommandArgs } from "../cli/tasks.js";

export default command<"imo launch">(async (args, scope) => {
  if (!args.configFile)
    throw new CliError("Which launch? Add --config-file <launch.json>.", "See deploy/launches/ for an example.");
  // Checked before anything touches the network, so a typo costs nothing.
  const { config, baseDir } = await readLaunchConfig(args.configFile);
  const context = await scope.open({ ipfs: config.model.register?.weights ? args.ipfs : false });
  // One "now" for the plan shown and the launch sent, so that offsets such as "+10m" mean the same in both.
  const now = (await context.connection.ethers.provider.getBlock("latest"))!.timestamp;
  if (config.type === "curve") {
    await launchOnACurve(args, context, config, baseDir, now, scope.progress("Uploading weights"));
    return;
  }
  const plan = await context.client.offering.planLaunch({ config, baseDir, now });
  if (!args.json) {
    console.log(`This launch will, on ${context.connection.networkName}, from ${context.account}:`);
    for (const line of plan.summary) console.log(`- ${line}`);
  }
  if (args.dryRun) {
    if (args.json) print(true, { summary: plan.summary, params: plan.params, pool: plan.pool }, () => "");
    return;
  }
  const bar = scope.progress("Uploading weights");
  const { result, receipt } = await context.client.offering.launchOffering({
    config,
    baseDir,
    now,
    plan,
    onProgress: ({ bytes, total }) => bar?.update(bytes, total),
  });
  bar?.done();
  if (result.plan.allowlist && args.allowlistOut) {
    await writeFile(args.allowlistOut, JSON.stringify(result.plan.allowlist.toJSON(), null, 2));
  }
  const { plan: _plan, ...addresses } = result;
  print(args.json, { ...addresses, transaction: receipt.hash, gasUsed: receipt.gasUsed }, () =>
    [
      `Launched ${config.model.slug} (model #${result.model}).`,
      fields([
        ["Token", result.token],
        ["Offering", result.offering],
        ["Governor", result.governor],
        ["Timelock", `${result.timelock} (treasury and model owner)`],
        ["Vesting wallets", result.vestingWallets.length ? result.vestingWallets.join(", ") : "none"],
        ["Allowlist tree", result.plan.allowlist ? args.allowlistOut || "(not saved: add --allowlist-out)" : undefined],
        transactionEntry(receipt),
      ]),
    ].join("\n"),
  );
});

/** A configuration of `type` "curve": planned, shown, and launched on a bonding curve. */
async function launchOnACurve(
  args: CommandArgs<"imo launch">,
  context: CommandContext,
  config: CurveLaunchConfig,
  baseDir: string,
  now: number,
  bar: ProgressBar | undefined,
): Promise<void> {
  const plan = await context.client.offering.planCurveLaunch({ config, now });
  if (!args.json) {
    console.log(`This curve launch will, on ${context.connection.networkName}, from ${context.account}:`);
    for (const line of plan.summary) console.log(`- ${line}`);
  }
  if (args.dryRun) {
    if (args.json) print(true, { summary: plan.summary, params: plan.params, curve: plan.curve }, () => "");
    return;
  }
  const { result, receipt } = await context.client.offering.launchCurve({
    config,
    baseDir,
    now,
    plan,
    onProgress: ({ bytes, total }) => bar?.update(bytes, total),
  });
  bar?.done();
  const { plan: _plan, ...addresses } = result;
  print(args.json, { kind: "curve", ...addresses, transaction: receipt.hash, gasUsed: receipt.gasUsed }, () =>
    [
      `Launched ${config.model.slug} (model #${result.model}) on a bonding curve.`,
      fields([
        ["Token", result.token],
        ["Curve", `${result.curve} (npx hardhat curve show ${config.model.slug})`],
        ["Pool", `${result.pool} (opens at graduation, excluded from revenue)`],
        ["Governor", result.governor],
        ["Timelock", `${result.timelock} (treasury and model owner)`],
        ["Vesting wallets", result.vestingWallets.length ? result.vestingWallets.join(", ") : "none"],
        transactionEntry(receipt),
      ]),
    ].join("\n"),
  );
}
