import type { EpochPreviewLeader } from "../../sdk/src/index.js";
import { fields, print } from "../cli/output.js";
import { describeRule } from "../cli/promotion.js";
import { command } from "../cli/run.js";
import { netuid, ratio, units } from "../cli/subnet.js";

export default command<"subnet promotion">(async (args, scope) => {
  const id = netuid(args.netuid);
  const { client } = await scope.open();
  const status = await client.promotion.status(id);
  const { binding, leader } = status;
  // The prediction needs a subnet whose next epoch can be previewed now; without it, the rest still stands.
  const next: EpochPreviewLeader | undefined | null = await client.subnets
    .previewEpoch(id)
    .then((p) => p.leader)
    .catch(() => null);
  const predicted =
    next === null
      ? "cannot be predicted now"
      : next === undefined
        ? "none (every incentive would be zero)"
        : `UID ${next.uid} (${next.hotkey}, incentive ${ratio(next.incentive)}), streak ${next.streak} of ${binding.minStreak || "-"}${next.counts ? "" : " (its candidate is too recent to count)"}`;
  const shown = { ...status, nextLeader: next ?? undefined };
  print(args.json, shown, () =>
    [
      binding.bound ? `Subnet ${id} promotes to ${describeRule(binding)}.` : `Subnet ${id} is not bound to a model.`,
      fields([
        ["Bounty", binding.bound && binding.bountyToken ? units(binding.bounty, binding.bountyToken) : undefined],
        ["Escrow", binding.bound && binding.bountyToken ? units(binding.escrow, binding.bountyToken) : undefined],
        ["Promotions", binding.bound ? binding.promotions : undefined],
        [
          "Leader",
          leader
            ? `UID ${leader.uid} (${leader.hotkey}), streak ${leader.streak} of ${status.minStreak}`
            : binding.bound
              ? "none"
              : undefined,
        ],
        ["Promote now", status.ready ? `yes: ${status.reason}` : `no: ${status.reason}`],
        ["Next epoch's leader", predicted],
      ]),
      status.ready ? `Promote it with: npx hardhat subnet promote ${id}` : "",
    ]
      .filter(Boolean)
      .join("\n"),
  );
});
