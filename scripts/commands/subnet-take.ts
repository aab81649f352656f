import { CliError, fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";
import { netuid } from "../cli/subnet.js";

export default command<"subnet take">(async (args, scope) => {
  const percent = Number(args.percent);
  if (!/^\d+(\.\d+)?$/.test(args.percent.trim()) || percent > 100) {
    throw new CliError(`"${args.percent}" is not a take.`, "Write it as a percentage of the dividends, e.g. 9 for 9%.");
  }
  const context = await scope.open();
  const id = netuid(args.netuid);
  const { result, receipt } = await context.client.subnets.setDelegateTake({
    netuid: id,
    hotkey: args.hotkey || undefined,
    take: percent / 100,
  });
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `The take of ${result.hotkey} on subnet ${id} is set to ${((result.take / 65_535) * 100).toFixed(2)}% of its dividends.`,
      // A decrease applies at once; an increase from the start of the epoch after the next one.
      `It applies from the start of epoch ${result.from} (at once when that epoch has started already).`,
      fields([transactionEntry(receipt)]),
    ].join("\n"),
  );
});
