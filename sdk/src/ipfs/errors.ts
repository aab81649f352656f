import { SdkError } from "../errors.js";

/**
 * Base of every error the IPFS layer throws: a one-line `shortMessage` for people and the underlying
 * `cause` (a file-system or daemon error), so nothing is lost.
 *
 * @example
 * import { IpfsError, createEmbeddedIpfs } from "open-model-registry/sdk";
 * const ipfs = await createEmbeddedIpfs();
 * try { await ipfs.pull("bafy...", "./weights"); }
 * catch (error) { if (error instanceof IpfsError) console.error(error.shortMessage); }
 */
export class IpfsError extends SdkError {
  constructor(shortMessage: string, options: { cause?: unknown; details?: string } = {}) {
    super(shortMessage, options);
  }
}

/**
 * A string or byte array that is not a CID.
 *
 * @example
 * import { InvalidCidError, parseCid } from "open-model-registry/sdk";
 * try { parseCid("not-a-cid"); } catch (error) { console.log(error instanceof InvalidCidError); } // true
 */
export class InvalidCidError extends IpfsError {
  readonly input: string;

  constructor(input: string, cause?: unknown) {
    super(`Not a valid CID: ${JSON.stringify(input.length > 120 ? `${input.slice(0, 117)}...` : input)}.`, { cause });
    this.input = input;
  }
}

/**
 * Content has a different CID from the one expected (for example a root that is not the CID asked for).
 *
 * @example
 * import { CidMismatchError } from "open-model-registry/sdk";
 * if (error instanceof CidMismatchError) console.error(`${error.expected} != ${error.actual}`);
 */
export class CidMismatchError extends IpfsError {
  readonly expected: string;
  readonly actual: string;

  constructor(expected: string, actual: string, what = "Content") {
    super(`${what} has CID ${actual}, expected ${expected}.`);
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * A block read from a blockstore or a daemon does not hash to its CID, or a DAG node is malformed
 * (sizes that do not add up, links of an unknown kind): the content cannot be trusted.
 *
 * @example
 * import { BlockVerificationError } from "open-model-registry/sdk";
 * if (error instanceof BlockVerificationError) console.error(`corrupt block ${error.cid}`);
 */
export class BlockVerificationError extends IpfsError {
  /** The CID of the block that failed, as a string. */
  readonly cid: string;

  constructor(cid: string, reason: string, cause?: unknown) {
    super(`Block ${cid} failed verification: ${reason}.`, { cause });
    this.cid = cid;
  }
}

/**
 * A block is not available: absent from the embedded blockstore, or not found by the daemon in time.
 *
 * @example
 * import { ContentNotFoundError } from "open-model-registry/sdk";
 * if (error instanceof ContentNotFoundError) console.error(`missing ${error.cid}`);
 */
export class ContentNotFoundError extends IpfsError {
  /** The CID of the missing block, as a string. */
  readonly cid: string;

  constructor(cid: string, where: string, cause?: unknown) {
    super(`Block ${cid} was not found ${where}.`, { cause });
    this.cid = cid;
  }
}

/**
 * `pull` refuses to write over an existing file or directory.
 *
 * @example
 * import { DestinationExistsError } from "open-model-registry/sdk";
 * if (error instanceof DestinationExistsError) console.error(`${error.path} is in the way`);
 */
export class DestinationExistsError extends IpfsError {
  readonly path: string;

  constructor(path: string) {
    super(`Destination ${path} already exists: pull writes a new file or directory there, choose another path.`);
    this.path = path;
  }
}

/**
 * Content or input the IPFS layer does not handle: a DAG that is not UnixFS, a symlink node, an unsafe
 * name in a directory, a special file on disk, a file too large for `cat`, an unsupported hash function.
 *
 * @example
 * import { UnsupportedContentError } from "open-model-registry/sdk";
 * if (error instanceof UnsupportedContentError) console.error(error.shortMessage);
 */
export class UnsupportedContentError extends IpfsError {}

/**
 * The Kubo RPC server failed or could not be reached.
 *
 * @example
 * import { KuboRequestError } from "open-model-registry/sdk";
 * if (error instanceof KuboRequestError) console.error(error.shortMessage, error.cause);
 */
export class KuboRequestError extends IpfsError {}
