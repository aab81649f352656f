// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ModelId} from "../types/ModelId.sol";

/// @title IModelRegistry
/// @notice The on-chain registry of open models. Each model is an ERC-721 token with a unique slug, a model
/// card, a licence and an append-only list of versions whose weights live on IPFS. Versions may name a
/// parent version of any model, so fine-tunes, distillations and forks form a lineage on chain. A version is
/// never deleted or rewritten; it can only be marked deprecated, with a reason.
///
/// Slugs are first come, first served. Registering in one step shows the slug in the mempool before it is
/// taken; registering by commitment ({commitRegistration}, then {registerCommitted} one minute to one day later)
/// shows nothing until the reveal, and no one-step registration is accepted while a commitment is pending, so a
/// reveal cannot be overtaken.
interface IModelRegistry {
    /// @notice A model as the views return it.
    struct ModelInfo {
        ModelId id;
        string slug;
        address owner;
        /// Binary CID of the model card (a JSON document on IPFS).
        bytes metadataCid;
        /// SPDX licence identifier or expression.
        string license;
        uint64 registeredAt;
        uint64 versionCount;
    }

    /// @notice A reference to one version of one model.
    struct VersionRef {
        ModelId model;
        uint64 index;
    }

    /// @notice What a publisher gives to publish a version.
    struct PublishParams {
        /// Binary CID of the root of the weights directory (or the single weights file). Required.
        bytes weightsCid;
        /// Binary CID of a configuration file; empty for none.
        bytes configCid;
        /// Tag unique within the model, e.g. `v1.2.0` or `2026-11-tiny`.
        string tag;
        /// The version this one derives from; `model` 0 for none.
        VersionRef parent;
        /// Binary CIDs of the datasets the version was trained or tuned on (provenance); at most 16.
        bytes[] datasetCids;
    }

    /// @notice A version as the views return it.
    struct VersionInfo {
        ModelId model;
        uint64 index;
        string tag;
        bytes weightsCid;
        bytes configCid;
        bool hasParent;
        VersionRef parent;
        bytes[] datasetCids;
        address publisher;
        uint64 publishedAt;
        bool deprecated;
        string deprecationReason;
    }

    /// @notice Emitted when `owner` registers model `model` under `slug`.
    event ModelRegistered(ModelId indexed model, address indexed owner, string slug, bytes metadataCid, string license);

    /// @notice Emitted when the model card of `model` is replaced.
    event MetadataUpdated(ModelId indexed model, bytes metadataCid);

    /// @notice Emitted when `publisher` appends version `index` to `model`, with everything it gave.
    event VersionPublished(ModelId indexed model, uint64 indexed index, address indexed publisher, PublishParams params);

    /// @notice Emitted when version `index` of `model` is deprecated.
    event VersionDeprecated(ModelId indexed model, uint64 indexed index, address indexed by, string reason);

    /// @notice Emitted when the deprecation of version `index` of `model` is lifted.
    event VersionUndeprecated(ModelId indexed model, uint64 indexed index, address indexed by);

    /// @notice Emitted when `account` gains (`allowed`) or loses the right to publish versions of `model`.
    event PublisherSet(ModelId indexed model, address indexed account, bool allowed);

    /// @notice Emitted when a registration is committed: it can be revealed from `revealableAt` until
    /// `expiresAt` (unix seconds).
    event RegistrationCommitted(bytes32 indexed commitment, uint256 revealableAt, uint256 expiresAt);

    /// @notice Emitted when a commitment is revealed, registering `model`.
    event CommitmentRevealed(bytes32 indexed commitment, ModelId indexed model);

    /// @notice Emitted when an expired commitment is cleared without being revealed.
    event CommitmentCleared(bytes32 indexed commitment);

    /// @notice Thrown when a slug breaks the rules (3 to 64 of `a-z`, `0-9`, `-`; no `-` at either end).
    error RegistryInvalidSlug(string slug);

    /// @notice Thrown when a slug is already registered, to `model`.
    error RegistrySlugTaken(string slug, ModelId model);

    /// @notice Thrown when no model is registered under `slug`.
    error RegistryUnknownSlug(string slug);

    /// @notice Thrown when a licence is not an SPDX identifier or expression of 1 to 64 characters.
    error RegistryInvalidLicense(string license);

    /// @notice Thrown when no model has the id `model`.
    error RegistryUnknownModel(ModelId model);

    /// @notice Thrown when `account` may not manage `model` (it is not its owner or an approved operator).
    error RegistryNotModelOwner(ModelId model, address account);

    /// @notice Thrown when `account` may not publish or deprecate versions of `model`.
    error RegistryNotPublisher(ModelId model, address account);

    /// @notice Thrown when a version tag breaks the rules (1 to 31 of `A-Z a-z 0-9 . - _ +`).
    error RegistryInvalidTag(string tag);

    /// @notice Thrown when `tag` is already used by version `index` of `model`.
    error RegistryTagTaken(ModelId model, string tag, uint64 index);

    /// @notice Thrown when `model` has no version tagged `tag`.
    error RegistryUnknownTag(ModelId model, string tag);

    /// @notice Thrown when `model` has no version `index`; it has `count` versions.
    error RegistryUnknownVersion(ModelId model, uint64 index, uint64 count);

    /// @notice Thrown when a parent reference names a version that does not exist.
    error RegistryUnknownParent(ModelId model, uint64 index);

    /// @notice Thrown when a version lists more than `max` dataset CIDs.
    error RegistryTooManyDatasets(uint256 count, uint256 max);

    /// @notice Thrown when a deprecation reason is empty or longer than `max` bytes.
    error RegistryInvalidReason(uint256 length, uint256 max);

    /// @notice Thrown when version `index` of `model` is already deprecated.
    error RegistryAlreadyDeprecated(ModelId model, uint64 index);

    /// @notice Thrown when version `index` of `model` is not deprecated.
    error RegistryNotDeprecated(ModelId model, uint64 index);

    /// @notice Thrown when every version of `model` is deprecated, or it has none.
    error RegistryNoLiveVersion(ModelId model);

    /// @notice Thrown when a publisher change would change nothing.
    error RegistryPublisherUnchanged(ModelId model, address account, bool allowed);

    /// @notice Thrown when `model` already has the maximum `max` of authorised publishers.
    error RegistryTooManyPublishers(ModelId model, uint256 max);

    /// @notice Thrown when a page of versions asks for more than `max` entries.
    error RegistryPageTooLarge(uint256 limit, uint256 max);

    /// @notice Thrown when a one-step registration is made while `count` commitments are pending: one of them may
    /// be for the same slug. Register by commitment instead, or once they are revealed or cleared.
    error RegistryCommitmentsPending(uint256 count);

    /// @notice Thrown when `commitment` is made again before it expires, at `expiresAt`.
    error RegistryCommitmentExists(bytes32 commitment, uint256 expiresAt);

    /// @notice Thrown when no commitment `commitment` is pending: wrong slug, owner or secret, or revealed or
    /// cleared already.
    error RegistryUnknownCommitment(bytes32 commitment);

    /// @notice Thrown when `commitment` is revealed before `revealableAt`.
    error RegistryCommitmentTooNew(bytes32 commitment, uint256 revealableAt);

    /// @notice Thrown when `commitment` is revealed after it expired, at `expiredAt`.
    error RegistryCommitmentExpired(bytes32 commitment, uint256 expiredAt);

    /// @notice Thrown when `commitment` is cleared before it expires, at `expiresAt`.
    error RegistryCommitmentNotExpired(bytes32 commitment, uint256 expiresAt);

    /// @notice Registers a model under `slug`, minting its token to the caller.
    /// @param slug Unique name: 3 to 64 of `a-z`, `0-9`, `-`, with no `-` at either end.
    /// @param metadataCid Binary CID of the model card.
    /// @param license SPDX licence identifier or expression, fixed for the life of the model.
    /// @return model The new model's id.
    /// @dev Refused while any commitment is pending ({RegistryCommitmentsPending}). The slug is public from the
    /// moment the transaction is sent: someone who sees it may register it first. {commitRegistration} does not.
    function register(string calldata slug, bytes calldata metadataCid, string calldata license)
        external
        returns (ModelId model);

    /// @notice Commits to registering a slug without showing it: `commitment` is {makeCommitment} of the slug,
    /// its future owner and a secret. Reveal it with {registerCommitted} from one minute to one day later.
    /// Emits {RegistrationCommitted}.
    function commitRegistration(bytes32 commitment) external;

    /// @notice Registers `slug` for the caller, revealing the commitment made for it with `secret`: one minute to
    /// one day after {commitRegistration}. The model's token is minted to the caller, who must be the owner the
    /// commitment names. Emits {ModelRegistered} and {CommitmentRevealed}.
    function registerCommitted(
        string calldata slug,
        bytes calldata metadataCid,
        string calldata license,
        bytes32 secret
    ) external returns (ModelId model);

    /// @notice Clears a commitment that expired unrevealed, so that it no longer holds one-step registrations
    /// back. Anyone may call it. Emits {CommitmentCleared}.
    function clearCommitment(bytes32 commitment) external;

    /// @notice The commitment for `slug`, `owner` and `secret`: `keccak256(abi.encode(slug, owner, secret))`.
    /// Compute it locally: calling a node sends it the secret.
    function makeCommitment(string calldata slug, address owner, bytes32 secret) external pure returns (bytes32);

    /// @notice When `commitment` was made (unix seconds); 0 when it is not pending.
    function commitmentTime(bytes32 commitment) external view returns (uint256);

    /// @notice How many commitments are neither revealed nor cleared; one-step registration waits for none.
    function pendingCommitments() external view returns (uint256);

    /// @notice Replaces the model card of `model`. Versions are untouched. Owner or approved operator only.
    function setMetadata(ModelId model, bytes calldata metadataCid) external;

    /// @notice Grants (`allowed`) or revokes the right of `account` to publish and deprecate versions of
    /// `model`. Owner or approved operator only. Grants survive a transfer of the model; the new owner
    /// revokes what it does not want.
    function setPublisher(ModelId model, address account, bool allowed) external;

    /// @notice Appends a version to `model`. The model's owner, approved operators and authorised publishers
    /// may publish.
    /// @return index The new version's index in the model's list.
    function publish(ModelId model, PublishParams calldata params) external returns (uint64 index);

    /// @notice Marks version `index` of `model` deprecated with `reason` (1 to 280 bytes), as `npm deprecate`
    /// does: it stays readable and pullable, but {latestVersion} skips it.
    function deprecate(ModelId model, uint64 index, string calldata reason) external;

    /// @notice Lifts the deprecation of version `index` of `model`.
    function undeprecate(ModelId model, uint64 index) external;

    /// @notice The model `model`.
    function getModel(ModelId model) external view returns (ModelInfo memory);

    /// @notice The model registered under `slug`.
    function getModelBySlug(string calldata slug) external view returns (ModelInfo memory);

    /// @notice The id registered under `slug`, or 0 when none is.
    function modelIdOf(string calldata slug) external view returns (ModelId);

    /// @notice The number of models registered so far; ids run from 1 to this number.
    function modelCount() external view returns (uint256);

    /// @notice Version `index` of `model`.
    function getVersion(ModelId model, uint64 index) external view returns (VersionInfo memory);

    /// @notice The version of `model` tagged `tag`.
    function getVersionByTag(ModelId model, string calldata tag) external view returns (VersionInfo memory);

    /// @notice The newest version of `model` that is not deprecated.
    /// @dev Walks back over trailing deprecated versions; callers that need a fixed cost read a page instead.
    function latestVersion(ModelId model) external view returns (VersionInfo memory);

    /// @notice The index of the newest version of `model` that is not deprecated, without the version itself: what
    /// a publisher that names it as a parent needs. `exists` is false when the model has no live version.
    /// @dev Walks back over trailing deprecated versions, as {latestVersion}.
    function latestLiveIndex(ModelId model) external view returns (bool exists, uint64 index);

    /// @notice Up to `limit` (at most 100) versions of `model` from index `offset`, oldest first.
    function getVersions(ModelId model, uint64 offset, uint64 limit) external view returns (VersionInfo[] memory);

    /// @notice The ancestors of version `index` of `model`, nearest first, following parent links for at most
    /// `maxDepth` steps. Links always point to older versions, so the chain has no cycles.
    function lineage(ModelId model, uint64 index, uint256 maxDepth) external view returns (VersionRef[] memory);

    /// @notice Whether `account` may publish versions of `model`.
    function canPublish(ModelId model, address account) external view returns (bool);

    /// @notice The accounts authorised to publish versions of `model` besides its owner (at most 32).
    function publishers(ModelId model) external view returns (address[] memory);
}
