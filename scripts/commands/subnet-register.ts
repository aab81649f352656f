import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";
import { netuid, units } from "../cli/subnet.js";

export default command<"subnet register">(async (args, scope) => {
  const context = await scope.open();
  const id = netuid(args.netuid);
  const { subnets } = context.client;
  const subnet = await subnets.getSubnet(id);
  const { result, receipt } = await subnets.registerNeuron({
    netuid: id,
    hotkey: args.hotkey || undefined,
    maxPrice: args.maxPrice || undefined,
  });
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `${result.hotkey} holds UID ${result.uid} on subnet ${id}, for ${units(result.price, subnet.rewardToken)} paid into the reward pool.`,
      fields([
        ["Replaced", result.replaced ? `the hotkey ${result.replaced} that held it` : undefined],
        ["Immune until", `block ${result.registeredAt + BigInt(subnet.hyperparameters.immunityPeriod)}`],
        transactionEntry(receipt),
      ]),
    ].join("\n"),
  );
});
