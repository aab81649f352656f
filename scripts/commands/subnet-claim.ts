import { fields, print } from "../cli/output.js";
import { command } from "../cli/run.js";
import { netuid, units } from "../cli/subnet.js";

export default command<"subnet claim">(async (args, scope) => {
  const context = await scope.open();
  const id = netuid(args.netuid);
  const { subnets } = context.client;
  const subnet = await subnets.getSubnet(id);
  const { result } = await subnets.claimRewards({ netuid: id, to: args.to || undefined });
  print(args.json, result, () =>
    [
      `Claimed ${units(result.amount, subnet.rewardToken)} from subnet ${id}, sent to ${result.to}.`,
      fields([
        ["Rewards", result.rewards > 0n ? units(result.rewards, subnet.rewardToken) : undefined],
        ["Stake dividends", result.stakeRewards > 0n ? units(result.stakeRewards, subnet.rewardToken) : undefined],
        ["Transactions", result.transactions.join(", ")],
      ]),
    ].join("\n"),
  );
});
