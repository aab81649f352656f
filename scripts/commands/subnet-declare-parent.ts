import { CliError, fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";
import { netuid } from "../cli/subnet.js";

export default command<"subnet declare-parent">(async (args, scope) => {
  const id = netuid(args.netuid);
  if (args.undo === (args.parent !== ""))
    throw new CliError(
      args.undo ? "--undo withdraws the declaration: give no parent with it." : "Which version? Give <slug>@<tag>.",
      `Write: subnet declare-parent ${id} base-model@v1.0.0, or subnet declare-parent ${id} --undo`,
    );
  const at = args.parent.lastIndexOf("@");
  if (!args.undo && (at <= 0 || at === args.parent.length - 1))
    throw new CliError(`"${args.parent}" is not <slug>@<tag>.`, "Write the parent as, e.g., base-model@v1.0.0.");
  const parent = args.undo
    ? undefined
    : { model: args.parent.slice(0, at), version: { tag: args.parent.slice(at + 1) } };
  const { client } = await scope.open();
  const { result, receipt } = await client.promotion.declareParent({ netuid: id, parent });
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      parent
        ? `UID ${result.uid}'s candidate on subnet ${id} derives from ${args.parent} (version ${result.parent?.index}): a promotion names it as the parent.`
        : `UID ${result.uid} withdrew its declaration on subnet ${id}: a promotion names the model's latest version as the parent.`,
      fields([transactionEntry(receipt)]),
    ].join("\n"),
  );
});
