export { cidFromBytes, cidToBytes, parseCid, toCid } from "./cid.js";
export { createEmbeddedIpfs } from "./embedded.js";
export type { EmbeddedIpfsOptions } from "./embedded.js";
export {
  BlockVerificationError,
  CidMismatchError,
  ContentNotFoundError,
  DestinationExistsError,
  InvalidCidError,
  IpfsError,
  KuboRequestError,
  UnsupportedContentError,
} from "./errors.js";
export { hashPath } from "./import.js";
export { createKuboIpfs } from "./kubo.js";
export type { KuboAddCandidate, KuboClient, KuboIpfsOptions } from "./kubo.js";
export { CAT_DEFAULT_MAX_BYTES, IMPORT_PARAMETERS } from "./params.js";
export type {
  AddedEntry,
  AddOptions,
  AddProgress,
  AddResult,
  CatOptions,
  CidVersion,
  HashOptions,
  IpfsBackend,
  PullOptions,
  PullResult,
} from "./types.js";
