import path from "node:path";

import { fields, formatBytes, print } from "../cli/output.js";
import { parseVersionRef } from "../cli/parse.js";
import { command } from "../cli/run.js";

export default command<"model pull">(async (args, scope) => {
  const context = await scope.open({ ipfs: args.ipfs });
  const bar = scope.progress("Pulling");
  const { version, pulled } = await context.client.registry.pullVersion({
    ...parseVersionRef(args.ref),
    destination: path.resolve(args.dir),
    onProgress: ({ bytes, total }) => bar?.update(bytes, total),
  });
  bar?.done();
  print(args.json, { version, pulled }, () =>
    [
      `Pulled ${args.ref.split("@")[0]}@${version.tag} into ${args.dir}, verified against the chain.`,
      fields([
        ["CID", pulled.cid.toString()],
        ["Files", pulled.files],
        ["Size", formatBytes(pulled.bytes)],
      ]),
    ].join("\n"),
  );
});
