import { fields, print, transactionEntry } from "../cli/output.js";
import { requireModelOwner } from "../cli/promotion.js";
import { command } from "../cli/run.js";
import { netuid, units } from "../cli/subnet.js";

export default command<"subnet revoke">(async (args, scope) => {
  const id = netuid(args.netuid);
  const { client, account } = await scope.open();
  const binding = await client.promotion.binding(id);
  if (binding.bound)
    await requireModelOwner(client, account, binding.model, "revoke the binding", `promotion ${id} revoke`);
  const { result, receipt } = await client.promotion.revoke(id);
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `Subnet ${id} is no longer bound to ${binding.slug}: its leaders are not promoted any more.`,
      fields([
        ["Escrow returned", result.token ? units(result.escrowReturned, result.token) : "none"],
        transactionEntry(receipt),
      ]),
    ].join("\n"),
  );
});
