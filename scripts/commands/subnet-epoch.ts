import { fields, print, table } from "../cli/output.js";
import { command } from "../cli/run.js";
import { netuid, ratio, units } from "../cli/subnet.js";

export default command<"subnet epoch">(async (args, scope) => {
  // --preview is the former name of --dry-run.
  const dryRun = args.dryRun || args.preview;
  const context = await scope.open();
  const bar = dryRun ? undefined : scope.steps("Epoch");
  const id = netuid(args.netuid);
  const { subnets } = context.client;
  const subnet = await subnets.getSubnet(id);
  if (dryRun) {
    const p = await subnets.previewEpoch(id);
    // The reference's raw input and output stay in the SDK's result; people read the named figures.
    const shown = {
      netuid: p.netuid,
      block: p.block,
      emission: p.emission,
      ownerCut: p.ownerCut,
      neurons: p.neurons,
      leader: p.leader,
    };
    print(args.json, shown, () =>
      [
        `The next epoch of subnet ${id}, predicted off chain from block ${p.block}: ${units(p.emission, subnet.rewardToken)} to distribute (after the owner's ${units(p.ownerCut, subnet.rewardToken)}).`,
        "",
        table(
          ["uid", "hotkey", "consensus", "incentive", "dividends", "vtrust", "emission", "VP next"],
          p.neurons.map((u) => [
            u.uid,
            u.hotkey,
            ratio(u.consensus),
            ratio(u.incentive),
            ratio(u.dividends),
            ratio(u.validatorTrust),
            units(u.emission, subnet.rewardToken),
            u.validatorPermit ? "*" : "",
          ]),
        ),
        "",
        p.leader
          ? `Leader: UID ${p.leader.uid} (${p.leader.hotkey}), incentive ${ratio(p.leader.incentive)}, ${p.leader.streak} epoch${p.leader.streak === 1n ? "" : "s"} in a row with its candidate${p.leader.counts ? "" : p.leader.candidatePublishedAt === 0n ? " (it has none)" : " (published too late for this epoch to count)"}.`
          : "Leader: none (every incentive would be zero).",
      ].join("\n"),
    );
    return;
  }
  const result = await subnets.advanceEpoch({ netuid: id, onStep: (p) => bar?.update(p.step, p.total, p.gasUsed) });
  bar?.done();
  print(args.json, result, () =>
    [
      `Epoch ${result.epochNumber} of subnet ${id} is complete: ${units(result.paid, subnet.rewardToken)} paid to UIDs in ${result.steps} transactions.`,
      fields([
        ["Owner's cut", result.ownerCut === undefined ? undefined : units(result.ownerCut, subnet.rewardToken)],
        ["Gas", `${result.gasUsed} in all, at most ${result.maxStepGas} in one transaction`],
        ["Next epoch", `from block ${result.nextEpochBlock}`],
      ]),
      `See the results with: npx hardhat subnet metagraph ${id}`,
    ].join("\n"),
  );
});
