import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";
import { netuid, units } from "../cli/subnet.js";

export default command<"emission distribute">(async (args, scope) => {
  const named = args.netuids.map(netuid);
  const { client } = await scope.open();
  const { result, receipt } = await client.emission.distribute(named.length > 0 ? named : undefined);
  const amount = (value: bigint) => units(value, result.token);
  const skipped = result.skipped.filter((s) => s.reason !== "no-share");
  const without = result.skipped.filter((s) => s.reason === "no-share").map((s) => String(s.netuid));
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `Distributed period ${result.period}'s emission to ${result.distributed.length} subnet${result.distributed.length === 1 ? "" : "s"}: ${result.distributed
        .map((d) => `${amount(d.amount)} to subnet ${d.netuid}`)
        .join(", ")} (${amount(result.total)} in all).`,
      ...(skipped.length > 0
        ? [`Skipped: ${skipped.map((s) => `subnet ${s.netuid} ${s.description} (${amount(s.share)})`).join("; ")}.`]
        : []),
      ...(without.length > 0
        ? [
            `${without.length === 1 ? `Subnet ${without[0]} has` : `Subnets ${without.join(", ")} have`} no share of this period.`,
          ]
        : []),
      fields([transactionEntry(receipt)]),
    ].join("\n"),
  );
});
