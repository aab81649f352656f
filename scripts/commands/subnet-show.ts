import type { SubnetEmissionStatus, SubnetHyperparameters } from "../../sdk/src/index.js";
import { fields, print } from "../cli/output.js";
import { command } from "../cli/run.js";
import { netuid, ratio, units } from "../cli/subnet.js";

export default command<"subnet show">(async (args, scope) => {
  const context = await scope.open();
  const id = netuid(args.netuid);
  const { client } = context;
  const [s, emission] = await Promise.all([
    client.subnets.getSubnet(id),
    client.deployment.contracts.NetworkEmission ? client.emission.subnetStatus(id) : undefined,
  ]);
  const p = s.hyperparameters;
  print(args.json, { ...s, emission }, () =>
    fields([
      ["Subnet", `${s.netuid}, owned by ${s.owner}`],
      ["Owner hotkey", s.ownerHotkey],
      ["Stake token", `${s.stakeToken.symbol} ${s.stakeToken.address}`],
      ["Reward token", `${s.rewardToken.symbol} ${s.rewardToken.address}`],
      ["UIDs", `${s.n} of ${p.maxUids} (${p.maxValidators} validator permits), immunity ${p.immunityPeriod} blocks`],
      [
        "Registration",
        `${units(s.registrationPrice, s.rewardToken)} now (between ${units(p.minPrice, s.rewardToken)} and ${units(p.maxPrice, s.rewardToken)}, halving every ${p.priceHalfLife} blocks)`,
      ],
      [
        "Epochs",
        `${s.epochNumber} completed; every ${p.tempo} blocks, the next from block ${s.nextEpochBlock}${s.epochRunning ? " (one is running)" : ""}`,
      ],
      [
        "Emission",
        `${units(p.emission, s.rewardToken)} per epoch, owner's cut ${ratio(p.ownerCut)}, keeper ${units(p.keeperReward, s.rewardToken)} (at most 5%); pool ${units(s.rewardPool, s.rewardToken)}`,
      ],
      ["Network emission", emission && networkEmission(emission)],
      [
        "Consensus",
        `kappa ${ratio(p.kappa)}, bonds moving average ${p.bondsMovingAverage / 1e6}, bonds penalty ${ratio(p.bondsPenalty)}`,
      ],
      [
        "Weights",
        `${p.commitReveal ? `commit-reveal, revealed ${p.revealPeriod} epoch(s) later` : "set directly"}; rate limit ${p.weightsRateLimit} blocks, activity cutoff ${p.activityCutoff} blocks`,
      ],
      ...(s.queuedHyperparameters
        ? [
            [
              "Queued changes",
              queuedChanges(p, s.queuedHyperparameters.hyperparameters, s.queuedHyperparameters.from),
            ] as [string, string],
          ]
        : []),
    ]),
  );
});

/** The hyperparameters that change, old and new, and from which epoch. */
function queuedChanges(current: SubnetHyperparameters, queued: SubnetHyperparameters, from: bigint): string {
  const changed = (Object.keys(queued) as (keyof SubnetHyperparameters)[])
    .filter((key) => queued[key] !== current[key])
    .map((key) => `${key} ${String(current[key])} -> ${String(queued[key])}`);
  return `from the start of epoch ${from}: ${changed.length === 0 ? "none (the same values)" : changed.join(", ")}`;
}

/** Whether the subnet may receive the network emission and, if it may, whether it is active now. */
function networkEmission(e: SubnetEmissionStatus): string {
  if (!e.eligible) return `not eligible: rewards in ${e.rewardToken.symbol}, emission is in ${e.token.symbol}`;
  return `receives (rewards in ${e.token.symbol}); ${e.activity === "active" ? "active now" : `not active now: ${e.reason}`}`;
}
