import type { Result } from "ethers";

import { ContractRevertError, defineRevert, SdkError } from "../errors.js";

// One class per custom error of the registry and its CID rules, each with the sentence the SDK and the CLI
// show. The sentences name the offending values, as the contract errors carry them.

/** `RegistryInvalidSlug`: the slug breaks the naming rules. */
export class RegistryInvalidSlugError extends ContractRevertError {}
/** `RegistrySlugTaken`: another model already uses the slug. */
export class RegistrySlugTakenError extends ContractRevertError {}
/** `RegistryUnknownSlug`: no model is registered under the slug. */
export class RegistryUnknownSlugError extends ContractRevertError {}
/** `RegistryInvalidLicense`: the licence is not an SPDX identifier or expression. */
export class RegistryInvalidLicenseError extends ContractRevertError {}
/** `RegistryUnknownModel`: no model has the id. */
export class RegistryUnknownModelError extends ContractRevertError {}
/** `RegistryNotModelOwner`: the sender does not own the model and is not an approved operator. */
export class RegistryNotModelOwnerError extends ContractRevertError {}
/** `RegistryNotPublisher`: the sender may not publish or deprecate versions of the model. */
export class RegistryNotPublisherError extends ContractRevertError {}
/** `RegistryInvalidTag`: the version tag breaks the tag rules. */
export class RegistryInvalidTagError extends ContractRevertError {}
/** `RegistryTagTaken`: the model already has a version with the tag. */
export class RegistryTagTakenError extends ContractRevertError {}
/** `RegistryUnknownTag`: the model has no version with the tag. */
export class RegistryUnknownTagError extends ContractRevertError {}
/** `RegistryUnknownVersion`: the model has no version at the index. */
export class RegistryUnknownVersionError extends ContractRevertError {}
/** `RegistryUnknownParent`: the parent reference names no existing version. */
export class RegistryUnknownParentError extends ContractRevertError {}
/** `RegistryTooManyDatasets`: more dataset CIDs than a version may list. */
export class RegistryTooManyDatasetsError extends ContractRevertError {}
/** `RegistryInvalidReason`: the deprecation reason is empty or too long. */
export class RegistryInvalidReasonError extends ContractRevertError {}
/** `RegistryAlreadyDeprecated`: the version is deprecated already. */
export class RegistryAlreadyDeprecatedError extends ContractRevertError {}
/** `RegistryNotDeprecated`: the version is not deprecated. */
export class RegistryNotDeprecatedError extends ContractRevertError {}
/** `RegistryNoLiveVersion`: every version of the model is deprecated, or it has none. */
export class RegistryNoLiveVersionError extends ContractRevertError {}
/** `RegistryPublisherUnchanged`: the publisher change would change nothing. */
export class RegistryPublisherUnchangedError extends ContractRevertError {}
/** `RegistryTooManyPublishers`: the model has the maximum number of publishers. */
export class RegistryTooManyPublishersError extends ContractRevertError {}
/** `RegistryPageTooLarge`: a page of versions asked for too many entries. */
export class RegistryPageTooLargeError extends ContractRevertError {}
/** `CidEmpty`: a required CID is missing. */
export class CidEmptyError extends ContractRevertError {}
/** `CidInvalidLength`: the CID's bytes are cut short or run on. */
export class CidInvalidLengthError extends ContractRevertError {}
/** `CidUnsupportedVersion`: the CID is neither v0 nor v1. */
export class CidUnsupportedVersionError extends ContractRevertError {}
/** `CidUnsupportedCodec`: the CID's codec is not one the registry accepts. */
export class CidUnsupportedCodecError extends ContractRevertError {}
/** `CidUnsupportedHash`: the CID's hash function is not one the registry accepts. */
export class CidUnsupportedHashError extends ContractRevertError {}
/** `CidInvalidDigestLength`: the CID's digest is not 32 bytes. */
export class CidInvalidDigestLengthError extends ContractRevertError {}
/** `CidMalformedVarint`: a number inside the CID is badly encoded. */
export class CidMalformedVarintError extends ContractRevertError {}

// The ERC-721 side of the registry (OpenZeppelin's ERC-6093 errors) and OpenZeppelin's ShortStrings.
/** `ERC721NonexistentToken`: no model token has the id. */
export class ERC721NonexistentTokenError extends ContractRevertError {}
/** `ERC721IncorrectOwner`: the stated owner of the model token is not its owner. */
export class ERC721IncorrectOwnerError extends ContractRevertError {}
/** `ERC721InsufficientApproval`: the sender may not transfer the model token. */
export class ERC721InsufficientApprovalError extends ContractRevertError {}
/** `ERC721InvalidOwner`: the zero address cannot own model tokens. */
export class ERC721InvalidOwnerError extends ContractRevertError {}
/** `ERC721InvalidReceiver`: the receiver cannot take model tokens. */
export class ERC721InvalidReceiverError extends ContractRevertError {}
/** `ERC721InvalidSender`: the sender is not a valid token sender. */
export class ERC721InvalidSenderError extends ContractRevertError {}
/** `ERC721InvalidApprover`: the approver may not approve for the model token. */
export class ERC721InvalidApproverError extends ContractRevertError {}
/** `ERC721InvalidOperator`: the operator address is not valid. */
export class ERC721InvalidOperatorError extends ContractRevertError {}
/** `RegistryCommitmentsPending`: a one-step registration was made while registrations by commitment were pending. */
export class RegistryCommitmentsPendingError extends ContractRevertError {}
/** `RegistryCommitmentExists`: the same commitment was made again before it expired. */
export class RegistryCommitmentExistsError extends ContractRevertError {}
/** `RegistryUnknownCommitment`: no such commitment is pending (wrong slug, owner or secret, or revealed or cleared). */
export class RegistryUnknownCommitmentError extends ContractRevertError {}
/** `RegistryCommitmentTooNew`: a commitment was revealed before its minimum age. */
export class RegistryCommitmentTooNewError extends ContractRevertError {}
/** `RegistryCommitmentExpired`: a commitment was revealed after it expired. */
export class RegistryCommitmentExpiredError extends ContractRevertError {}
/** `RegistryCommitmentNotExpired`: a commitment was cleared before it expired. */
export class RegistryCommitmentNotExpiredError extends ContractRevertError {}
/** `StringTooLong`: a text field does not fit the storage reserved for it. */
export class StringTooLongError extends ContractRevertError {}
/** `InvalidShortString`: a stored short text is corrupt. */
export class InvalidShortStringError extends ContractRevertError {}

const hex = (value: unknown): string => `0x${BigInt(value as bigint).toString(16)}`;
const at = (seconds: unknown): string =>
  `${new Date(Number(seconds) * 1000).toISOString().slice(0, 19).replace("T", " ")} UTC`;
const model = (args: Result, i = 0): string => `model #${args[i]}`;

defineRevert(
  "RegistryInvalidSlug",
  RegistryInvalidSlugError,
  (a) =>
    `"${a[0]}" is not a valid slug: use 3 to 64 lower-case letters, digits and '-', not starting or ending with '-'.`,
);
defineRevert(
  "RegistrySlugTaken",
  RegistrySlugTakenError,
  (a) => `The slug "${a[0]}" is already registered (${model(a, 1)}); choose another slug.`,
);
defineRevert(
  "RegistryUnknownSlug",
  RegistryUnknownSlugError,
  (a) => `No model is registered under the slug "${a[0]}".`,
);
defineRevert(
  "RegistryInvalidLicense",
  RegistryInvalidLicenseError,
  (a) => `"${a[0]}" is not a valid licence: give an SPDX identifier such as MIT or Apache-2.0 (at most 64 characters).`,
);
defineRevert("RegistryUnknownModel", RegistryUnknownModelError, (a) => `There is no ${model(a)}.`);
defineRevert(
  "RegistryNotModelOwner",
  RegistryNotModelOwnerError,
  (a) => `${a[1]} does not own ${model(a)} and is not approved to manage it.`,
);
defineRevert(
  "RegistryNotPublisher",
  RegistryNotPublisherError,
  (a) => `${a[1]} may not publish or deprecate versions of ${model(a)}: ask the owner to add it as a publisher.`,
);
defineRevert(
  "RegistryInvalidTag",
  RegistryInvalidTagError,
  (a) => `"${a[0]}" is not a valid version tag: use 1 to 31 of letters, digits, '.', '-', '_' and '+'.`,
);
defineRevert(
  "RegistryTagTaken",
  RegistryTagTakenError,
  (a) => `${model(a)} already has a version tagged "${a[1]}" (version ${a[2]}); tags are never reused.`,
);
defineRevert("RegistryUnknownTag", RegistryUnknownTagError, (a) => `${model(a)} has no version tagged "${a[1]}".`);
defineRevert(
  "RegistryUnknownVersion",
  RegistryUnknownVersionError,
  (a) => `${model(a)} has no version ${a[1]}: it has ${a[2]} version(s).`,
);
defineRevert(
  "RegistryUnknownParent",
  RegistryUnknownParentError,
  (a) => `The parent version ${a[1]} of ${model(a)} does not exist.`,
);
defineRevert(
  "RegistryTooManyDatasets",
  RegistryTooManyDatasetsError,
  (a) => `A version may list at most ${a[1]} dataset CIDs; ${a[0]} were given.`,
);
defineRevert(
  "RegistryInvalidReason",
  RegistryInvalidReasonError,
  (a) => `A deprecation reason must be 1 to ${a[1]} bytes long; it was ${a[0]}.`,
);
defineRevert(
  "RegistryAlreadyDeprecated",
  RegistryAlreadyDeprecatedError,
  (a) => `Version ${a[1]} of ${model(a)} is already deprecated.`,
);
defineRevert(
  "RegistryNotDeprecated",
  RegistryNotDeprecatedError,
  (a) => `Version ${a[1]} of ${model(a)} is not deprecated.`,
);
defineRevert(
  "RegistryNoLiveVersion",
  RegistryNoLiveVersionError,
  (a) => `${model(a)} has no version that is not deprecated.`,
);
defineRevert(
  "RegistryPublisherUnchanged",
  RegistryPublisherUnchangedError,
  (a) => `${a[1]} ${a[2] ? "is already" : "is not"} a publisher of ${model(a)}.`,
);
defineRevert(
  "RegistryTooManyPublishers",
  RegistryTooManyPublishersError,
  (a) => `${model(a)} already has the maximum of ${a[1]} publishers; remove one first.`,
);
defineRevert(
  "RegistryPageTooLarge",
  RegistryPageTooLargeError,
  (a) => `A page may hold at most ${a[1]} versions; ${a[0]} were asked for.`,
);
defineRevert(
  "RegistryCommitmentsPending",
  RegistryCommitmentsPendingError,
  (a) =>
    `${a[0]} registration(s) by commitment are pending, and one may be for this slug: one-step registration waits for them. Register by commitment instead (model register --commit-reveal).`,
);
defineRevert(
  "RegistryCommitmentExists",
  RegistryCommitmentExistsError,
  (a) => `The commitment ${a[0]} is pending already, until ${at(a[1])}: reveal it rather than commit again.`,
);
defineRevert(
  "RegistryUnknownCommitment",
  RegistryUnknownCommitmentError,
  (a) =>
    `No commitment ${a[0]} is pending: the slug, owner or secret differ from those committed, or it was revealed or cleared.`,
);
defineRevert(
  "RegistryCommitmentTooNew",
  RegistryCommitmentTooNewError,
  (a) =>
    `The commitment ${a[0]} can be revealed from ${at(a[1])}: a commitment must wait a minute, so that nobody who sees the reveal can get ahead of it.`,
);
defineRevert(
  "RegistryCommitmentExpired",
  RegistryCommitmentExpiredError,
  (a) => `The commitment ${a[0]} expired at ${at(a[1])}: commit again.`,
);
defineRevert(
  "RegistryCommitmentNotExpired",
  RegistryCommitmentNotExpiredError,
  (a) => `The commitment ${a[0]} can still be revealed until ${at(a[1])}: only an expired commitment can be cleared.`,
);
defineRevert("CidEmpty", CidEmptyError, () => "A CID is required here.");
defineRevert("CidInvalidLength", CidInvalidLengthError, (a) => `The CID's ${a[0]} bytes do not match its header.`);
defineRevert(
  "CidUnsupportedVersion",
  CidUnsupportedVersionError,
  (a) => `CID version ${a[0]} is not supported: use CIDv0 or CIDv1.`,
);
defineRevert(
  "CidUnsupportedCodec",
  CidUnsupportedCodecError,
  (a) => `The CID codec ${hex(a[0])} is not supported: use raw, dag-pb, dag-cbor or dag-json.`,
);
defineRevert(
  "CidUnsupportedHash",
  CidUnsupportedHashError,
  (a) =>
    `The CID hash function ${hex(a[0])} is not supported: use sha2-256, sha3-256, keccak-256, blake3 or blake2b-256.`,
);
defineRevert(
  "CidInvalidDigestLength",
  CidInvalidDigestLengthError,
  (a) => `The CID's digest is ${a[0]} bytes long; 32 are required.`,
);
defineRevert("ERC721NonexistentToken", ERC721NonexistentTokenError, (a) => `There is no model #${a[0]}.`);
defineRevert(
  "ERC721IncorrectOwner",
  ERC721IncorrectOwnerError,
  (a) => `${a[0]} does not own model #${a[1]}; ${a[2]} does.`,
);
defineRevert(
  "ERC721InsufficientApproval",
  ERC721InsufficientApprovalError,
  (a) => `${a[0]} may not transfer model #${a[1]}: it is not the owner and not approved.`,
);
defineRevert("ERC721InvalidOwner", ERC721InvalidOwnerError, (a) => `${a[0]} cannot own models.`);
defineRevert(
  "ERC721InvalidReceiver",
  ERC721InvalidReceiverError,
  (a) => `${a[0]} cannot receive model tokens (the zero address, or a contract without onERC721Received).`,
);
defineRevert("ERC721InvalidSender", ERC721InvalidSenderError, (a) => `${a[0]} is not a valid sender of model tokens.`);
defineRevert(
  "ERC721InvalidApprover",
  ERC721InvalidApproverError,
  (a) => `${a[0]} may not approve transfers of this model.`,
);
defineRevert("ERC721InvalidOperator", ERC721InvalidOperatorError, (a) => `${a[0]} cannot be an operator.`);
defineRevert("StringTooLong", StringTooLongError, (a) => `"${a[0]}" is too long for this field.`);
defineRevert("InvalidShortString", InvalidShortStringError, () => "A stored text field is corrupt.");
defineRevert("CidMalformedVarint", CidMalformedVarintError, (a) => `The CID has a malformed number at byte ${a[0]}.`);

/** No commitment for this slug and owner is kept in the commitments file: commit first, or name the file it is in. */
export class CommitmentNotFoundError extends SdkError {}

/** The registration commitments file cannot be read or written. */
export class CommitmentStoreError extends SdkError {}
