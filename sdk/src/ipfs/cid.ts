import { bases } from "multiformats/basics";
import { fromHex } from "multiformats/bytes";
import { CID } from "multiformats/cid";

import type { MultibaseDecoder } from "multiformats/bases/interface";

import { InvalidCidError } from "./errors.js";

// Every multibase multiformats knows (base32, base36, base58btc, base64, base16, ...), chosen by prefix.
const decoders = new Map(
  Object.values(bases).map((base) => [base.prefix as string, base.decoder as MultibaseDecoder<string>]),
);
const anyBase: MultibaseDecoder<string> = {
  decode(text) {
    const prefix = String.fromCodePoint(text.codePointAt(0) ?? 0);
    const decoder = decoders.get(prefix);
    if (!decoder) throw new Error(`unknown multibase prefix ${JSON.stringify(prefix)}`);
    return decoder.decode(text);
  },
};

/**
 * Parses a CID written as text: `Qm...` (v0), any multibase v1 (`bafy...`, `bafk...`, `k51...`,
 * `zdj7...`), optionally prefixed by `ipfs://` or `/ipfs/`. Surrounding whitespace is ignored.
 *
 * @throws {InvalidCidError} when the text is not exactly one CID.
 * @example
 * import { parseCid } from "open-model-registry/sdk";
 * const cid = parseCid("bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am");
 * console.log(cid.version); // 1
 */
export function parseCid(text: string): CID {
  if (typeof text !== "string") throw new InvalidCidError(String(text));
  let source = text.trim();
  if (source.startsWith("ipfs://")) source = source.slice("ipfs://".length);
  else if (source.startsWith("/ipfs/")) source = source.slice("/ipfs/".length);
  if (source.endsWith("/")) source = source.slice(0, -1);
  if (source.length === 0 || /[\s/]/.test(source)) throw new InvalidCidError(text);
  try {
    return source.startsWith("Qm") || source.startsWith("1") ? CID.parse(source) : CID.parse(source, anyBase);
  } catch (cause) {
    throw new InvalidCidError(text, cause);
  }
}

/**
 * The binary form of a CID, as the on-chain registry stores it: the 34-byte multihash for a CIDv0,
 * `version || codec || multihash` for a CIDv1.
 *
 * @throws {InvalidCidError} when a string is not a CID.
 * @example
 * import { cidToBytes } from "open-model-registry/sdk";
 * const bytes = cidToBytes("QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN");
 * console.log(bytes.length); // 34
 */
export function cidToBytes(cid: CID | string): Uint8Array {
  return toCid(cid).bytes;
}

/**
 * Decodes the binary form of a CID ({@link cidToBytes}), given as bytes or as `0x` hex (what ethers
 * returns for a `bytes` value).
 *
 * @throws {InvalidCidError} when the bytes are not exactly one CID.
 * @example
 * import { cidFromBytes, cidToBytes } from "open-model-registry/sdk";
 * import { hexlify } from "ethers";
 * const hex = hexlify(cidToBytes("bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am"));
 * console.log(cidFromBytes(hex).toString()); // bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am
 */
export function cidFromBytes(bytes: Uint8Array | string): CID {
  let binary: Uint8Array;
  if (typeof bytes === "string") {
    if (!/^0x([0-9a-fA-F]{2})+$/.test(bytes)) throw new InvalidCidError(bytes);
    binary = fromHex(bytes.slice(2).toLowerCase());
  } else if (bytes instanceof Uint8Array) {
    binary = bytes;
  } else {
    throw new InvalidCidError(String(bytes));
  }
  try {
    return CID.decode(binary);
  } catch (cause) {
    throw new InvalidCidError(`0x${Buffer.from(binary).toString("hex")}`, cause);
  }
}

/**
 * A CID from a CID object (of any copy of multiformats) or from text ({@link parseCid}).
 *
 * @throws {InvalidCidError} when the value is neither.
 * @example
 * import { toCid } from "open-model-registry/sdk";
 * console.log(toCid("QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN").version); // 0
 */
export function toCid(cid: CID | string): CID {
  if (typeof cid === "string") return parseCid(cid);
  // A CID made by another copy of multiformats (a daemon client's) is rebased onto this one.
  const parsed = CID.asCID(cid);
  if (parsed === null) throw new InvalidCidError(String(cid));
  return parsed;
}
