import { fields, print, transactionEntry } from "../cli/output.js";
import { command } from "../cli/run.js";
import { netuid } from "../cli/subnet.js";

export default command<"subnet candidate publish">(async (args, scope) => {
  const context = await scope.open({ ipfs: args.ipfs });
  const bar = scope.progress("Uploading");
  const id = netuid(args.netuid);
  const { result, receipt } = await context.client.subnets.publishCandidate({
    netuid: id,
    path: args.path,
    onProgress: ({ bytes, total }) => bar?.update(bytes, total),
  });
  bar?.done();
  print(args.json, { ...result, transaction: receipt.hash }, () =>
    [
      `Published ${args.path} as the candidate of ${result.hotkey} on subnet ${id}.`,
      fields([["CID", result.cid.toString()], transactionEntry(receipt)]),
      `Validators fetch it with: npx hardhat subnet candidate pull ${id} ${result.hotkey} <dir>`,
    ].join("\n"),
  );
});
