import { print, table } from "../cli/output.js";
import { command } from "../cli/run.js";
import { netuid, ratio, units } from "../cli/subnet.js";

export default command<"subnet metagraph">(async (args, scope) => {
  const context = await scope.open();
  const m = await context.client.subnets.getMetagraph(netuid(args.netuid));
  print(args.json, m, () => {
    const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;
    const lines = [
      `Subnet ${m.netuid} at block ${m.block}: ${m.neurons.length} UIDs, ${m.epochNumber} epochs completed.`,
      "",
      table(
        [
          "uid",
          "hotkey",
          "coldkey",
          "stake",
          "VP",
          "trust",
          "vtrust",
          "consensus",
          "incentive",
          "dividends",
          "emission",
          "unclaimed",
          "registered",
          "updated",
        ],
        m.neurons.map((u) => [
          u.uid,
          short(u.hotkey),
          short(u.coldkey),
          units(u.stake, m.stakeToken),
          u.validatorPermit ? "*" : "",
          ratio(u.trust),
          ratio(u.validatorTrust),
          ratio(u.consensus),
          ratio(u.incentive),
          ratio(u.dividends),
          units(u.emission, m.rewardToken),
          units(u.unclaimed, m.rewardToken),
          u.registeredAt,
          u.lastUpdate,
        ]),
      ),
    ];
    if (m.neurons.length === 0) lines.push("", `Nobody is registered yet: npx hardhat subnet register ${m.netuid}`);
    return lines.join("\n");
  });
});
