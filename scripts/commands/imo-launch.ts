import { writeFile } from "node:fs/promises";

import { readLaunchConfig } from "../../sdk/src/index.js";
import { CliError, fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"imo launch">(async (args, scope) => {
  if (!args.configFile)
    throw new CliError("Which launch? Add --config-file <launch.json>.", "See deploy/launches/ for an example.");
  // Checked before anything touches the network, so a typo costs nothing.
  const { config, baseDir } = await readLaunchConfig(args.configFile);
  const context = await scope.open({ ipfs: config.model.register?.weights ? args.ipfs : false });
  const bar = scope.progress("Uploading weights");
  // One "now" for the plan shown and the launch sent, so that offsets such as "+10m" mean the same in both.
  const now = (await context.connection.ethers.provider.getBlock("latest"))!.timestamp;
  const plan = await context.client.offering.planLaunch({ config, baseDir, now });
  if (!args.json) {
    console.log(`This launch will, on ${context.connection.networkName}, from ${context.account}:`);
    for (const line of plan.summary) console.log(`- ${line}`);
  }
  if (args.dryRun) {
    if (args.json) print(true, { summary: plan.summary, params: plan.params, pool: plan.pool }, () => "");
    return;
  }
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
