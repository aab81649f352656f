import { hashPath } from "../../sdk/src/index.js";
import { CliError, formatBytes, print } from "../cli/output.js";
import { command } from "../cli/run.js";

export default command<"model hash">(async (args, scope) => {
  if (args.cidVersion !== "0" && args.cidVersion !== "1") {
    throw new CliError(`--cid-version must be 0 or 1, not "${args.cidVersion}".`);
  }
  const bar = scope.progress("Hashing");
  const result = await hashPath(args.path, {
    cidVersion: Number(args.cidVersion) as 0 | 1,
    onProgress: ({ bytes, total }) => bar?.update(bytes, total),
  });
  bar?.done();
  print(args.json, { cid: result.cid, size: result.size, entries: result.entries }, () =>
    args.json ? "" : `${result.cid}  ${args.path} (${formatBytes(result.size)})`,
  );
});
