import path from "node:path";

import { fields, formatBytes, print } from "../cli/output.js";
import { command } from "../cli/run.js";
import { netuid } from "../cli/subnet.js";

export default command<"subnet candidate pull">(async (args, scope) => {
  const context = await scope.open({ ipfs: args.ipfs });
  const bar = scope.progress("Pulling");
  const id = netuid(args.netuid);
  const { candidate, pulled } = await context.client.subnets.pullCandidate({
    netuid: id,
    hotkey: args.hotkey,
    destination: path.resolve(args.dir),
    onProgress: ({ bytes, total }) => bar?.update(bytes, total),
  });
  bar?.done();
  print(args.json, { candidate, pulled }, () =>
    [
      `Pulled the candidate of ${candidate.hotkey} on subnet ${id} into ${args.dir}, verified against the CID on chain.`,
      fields([
        ["CID", pulled.cid.toString()],
        ["Files", pulled.files],
        ["Size", formatBytes(pulled.bytes)],
      ]),
    ].join("\n"),
  );
});
