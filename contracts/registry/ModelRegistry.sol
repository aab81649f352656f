// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {ShortString, ShortStrings} from "@openzeppelin/contracts/utils/ShortStrings.sol";

import {IModelRegistry} from "../interfaces/IModelRegistry.sol";
import {Cid} from "../libraries/Cid.sol";
import {Text} from "../libraries/Text.sol";
import {ModelId} from "../types/ModelId.sol";

/// @title ModelRegistry
/// @notice Open models as ERC-721 tokens, each with an append-only, lineage-linked list of versions whose
/// weights live on IPFS. The contract has no administrator: a model is managed by whoever holds its token.
/// @dev Storage is laid out for the hot path, {publish}: versions are stored under their tag, so the record
/// itself proves a tag is taken, and a version without config, parent or datasets costs three fresh words
/// (its index-to-tag entry and two record words). CIDs are kept as a digest word plus a prefix byte (see {Cid}).
///
/// A slug can be registered in one step ({register}), which a watcher of the mempool can copy and send first,
/// or in two ({commitRegistration}, then {registerCommitted}), as ENS registers names: the commitment hides the
/// slug and binds it to its owner, and the one-step path is closed while any commitment is pending, so no
/// reveal can be overtaken by a copy of its slug.
contract ModelRegistry is IModelRegistry, ERC721 {
    using EnumerableSet for EnumerableSet.AddressSet;
    using ShortStrings for ShortString;

    uint256 public constant MAX_DATASETS = 16;
    uint256 public constant MAX_PUBLISHERS = 32;
    uint256 public constant MAX_REASON_LENGTH = 280;
    uint256 public constant MAX_PAGE = 100;
    /// @notice How long a commitment must wait before its reveal: longer than a reveal takes to be mined, so that
    /// a commitment made after seeing a reveal cannot be revealed before it.
    uint256 public constant MIN_COMMITMENT_AGE = 1 minutes;
    /// @notice How long a commitment can be revealed; after that anyone may clear it.
    uint256 public constant MAX_COMMITMENT_AGE = 1 days;

    /// @dev One word: everything about a model that is not text.
    struct ModelRecord {
        uint40 registeredAt;
        uint8 metadataPrefix;
        uint64 versionCount;
    }

    /// @dev Words 0 and 1 are written by every publish (word 1 is full: 20 + 5 + 5 + 1 + 1 bytes); word 2 only
    /// when a parent, config or dataset is given, and word 3 only with a config. Dataset digests live in their
    /// own array; their prefixes, one byte each for at most 16 datasets, share word 2. Indexes fit 40 bits:
    /// 2**40 versions cannot be published one transaction at a time.
    struct VersionRecord {
        bytes32 weightsDigest;
        address publisher;
        uint40 publishedAt;
        uint40 index;
        uint8 weightsPrefix;
        bool deprecated;
        uint8 configPrefix;
        uint64 parentModel;
        uint40 parentIndex;
        uint128 datasetPrefixes;
        bytes32 configDigest;
    }

    // One word, read by every registration: the models registered so far and the commitments neither revealed
    // nor cleared. 2**64 of either cannot be reached one transaction at a time.
    uint64 private _modelCount;
    uint64 private _pendingCommitments;
    mapping(ModelId model => ModelRecord) private _models;
    mapping(ModelId model => bytes32) private _metadataDigests;
    mapping(ModelId model => string) private _slugs;
    mapping(ModelId model => string) private _licenses;
    mapping(bytes32 slugHash => ModelId) private _idsBySlug;
    mapping(ModelId model => mapping(uint256 index => ShortString)) private _tags;
    mapping(ModelId model => mapping(ShortString tag => VersionRecord)) private _versions;
    mapping(ModelId model => mapping(uint256 index => bytes32[])) private _datasetDigests;
    mapping(ModelId model => mapping(uint256 index => string)) private _deprecationReasons;
    mapping(ModelId model => EnumerableSet.AddressSet) private _publishers;
    mapping(bytes32 commitment => uint256 committedAt) private _commitments;

    modifier onlyModelOwner(ModelId model) {
        _checkModelOwner(model);
        _;
    }

    modifier onlyPublisher(ModelId model) {
        if (!canPublish(model, msg.sender)) revert RegistryNotPublisher(model, msg.sender);
        _;
    }

    constructor() ERC721("Open Model Registry", "MODEL") {}

    /// @inheritdoc IModelRegistry
    function register(string calldata slug, bytes calldata metadataCid, string calldata license)
        external
        returns (ModelId model)
    {
        // A pending commitment may be for this very slug: its reveal must not be overtaken by a copy of it.
        uint256 pending = _pendingCommitments;
        if (pending != 0) revert RegistryCommitmentsPending(pending);
        return _register(slug, metadataCid, license);
    }

    /// @inheritdoc IModelRegistry
    function commitRegistration(bytes32 commitment) external {
        uint256 committedAt = _commitments[commitment];
        if (committedAt == 0) {
            // Overflow not possible: one more per transaction.
            unchecked {
                ++_pendingCommitments;
            }
        } else if (block.timestamp <= committedAt + MAX_COMMITMENT_AGE) {
            // Someone may have copied it first: it is bound to its owner, who can reveal it all the same.
            revert RegistryCommitmentExists(commitment, committedAt + MAX_COMMITMENT_AGE);
        }
        // An expired commitment made again starts over; it was still counted as pending.
        _commitments[commitment] = block.timestamp;
        emit RegistrationCommitted(
            commitment, block.timestamp + MIN_COMMITMENT_AGE, block.timestamp + MAX_COMMITMENT_AGE
        );
    }

    /// @inheritdoc IModelRegistry
    function registerCommitted(
        string calldata slug,
        bytes calldata metadataCid,
        string calldata license,
        bytes32 secret
    ) external returns (ModelId model) {
        bytes32 commitment = makeCommitment(slug, msg.sender, secret);
        uint256 committedAt = _commitments[commitment];
        if (committedAt == 0) revert RegistryUnknownCommitment(commitment);
        if (block.timestamp < committedAt + MIN_COMMITMENT_AGE) {
            revert RegistryCommitmentTooNew(commitment, committedAt + MIN_COMMITMENT_AGE);
        }
        if (block.timestamp > committedAt + MAX_COMMITMENT_AGE) {
            revert RegistryCommitmentExpired(commitment, committedAt + MAX_COMMITMENT_AGE);
        }
        _forget(commitment);
        model = _register(slug, metadataCid, license);
        emit CommitmentRevealed(commitment, model);
    }

    /// @inheritdoc IModelRegistry
    function clearCommitment(bytes32 commitment) external {
        uint256 committedAt = _commitments[commitment];
        if (committedAt == 0) revert RegistryUnknownCommitment(commitment);
        if (block.timestamp <= committedAt + MAX_COMMITMENT_AGE) {
            revert RegistryCommitmentNotExpired(commitment, committedAt + MAX_COMMITMENT_AGE);
        }
        _forget(commitment);
        emit CommitmentCleared(commitment);
    }

    /// @inheritdoc IModelRegistry
    function makeCommitment(string calldata slug, address owner, bytes32 secret) public pure returns (bytes32) {
        return keccak256(abi.encode(slug, owner, secret));
    }

    /// @inheritdoc IModelRegistry
    function commitmentTime(bytes32 commitment) external view returns (uint256) {
        return _commitments[commitment];
    }

    /// @inheritdoc IModelRegistry
    function pendingCommitments() external view returns (uint256) {
        return _pendingCommitments;
    }

    /// @inheritdoc IModelRegistry
    function setMetadata(ModelId model, bytes calldata metadataCid) external onlyModelOwner(model) {
        (bytes32 digest, uint8 prefix) = Cid.pack(metadataCid);
        _models[model].metadataPrefix = prefix;
        _metadataDigests[model] = digest;
        emit MetadataUpdated(model, metadataCid);
    }

    /// @inheritdoc IModelRegistry
    function setPublisher(ModelId model, address account, bool allowed) external onlyModelOwner(model) {
        EnumerableSet.AddressSet storage set = _publishers[model];
        if (allowed) {
            // "Unchanged" first: re-granting a publisher is a no-op even when the set is full.
            if (set.contains(account)) revert RegistryPublisherUnchanged(model, account, allowed);
            if (set.length() >= MAX_PUBLISHERS) revert RegistryTooManyPublishers(model, MAX_PUBLISHERS);
            set.add(account);
        } else if (!set.remove(account)) {
            revert RegistryPublisherUnchanged(model, account, allowed);
        }
        emit PublisherSet(model, account, allowed);
    }

    /// @inheritdoc IModelRegistry
    function publish(ModelId model, PublishParams calldata params)
        external
        onlyPublisher(model)
        returns (uint64 index)
    {
        if (!Text.isTag(params.tag)) revert RegistryInvalidTag(params.tag);
        ShortString tag = ShortStrings.toShortString(params.tag);
        VersionRecord storage version = _versions[model][tag];
        if (version.publisher != address(0)) revert RegistryTagTaken(model, params.tag, version.index);
        (bytes32 weightsDigest, uint8 weightsPrefix) = Cid.pack(params.weightsCid);
        ModelRecord storage record = _models[model];
        index = record.versionCount;
        _tags[model][index] = tag;
        version.weightsDigest = weightsDigest;
        version.publisher = msg.sender;
        version.publishedAt = uint40(block.timestamp);
        version.index = uint40(index);
        version.weightsPrefix = weightsPrefix;
        _writeProvenance(version, _datasetDigests[model][index], params);
        // Counted only now: while the parent is checked, the new version does not exist yet, so it cannot
        // name itself as its parent. Overflow not possible: 2**40 versions cannot be published one
        // transaction at a time.
        unchecked {
            record.versionCount = index + 1;
        }

        emit VersionPublished(model, index, msg.sender, params);
    }

    /// @inheritdoc IModelRegistry
    function deprecate(ModelId model, uint64 index, string calldata reason) external onlyPublisher(model) {
        VersionRecord storage version = _existingVersion(model, index);
        if (version.deprecated) revert RegistryAlreadyDeprecated(model, index);
        uint256 length = bytes(reason).length;
        if (length == 0 || length > MAX_REASON_LENGTH) revert RegistryInvalidReason(length, MAX_REASON_LENGTH);
        version.deprecated = true;
        _deprecationReasons[model][index] = reason;
        emit VersionDeprecated(model, index, msg.sender, reason);
    }

    /// @inheritdoc IModelRegistry
    function undeprecate(ModelId model, uint64 index) external onlyPublisher(model) {
        VersionRecord storage version = _existingVersion(model, index);
        if (!version.deprecated) revert RegistryNotDeprecated(model, index);
        version.deprecated = false;
        delete _deprecationReasons[model][index];
        emit VersionUndeprecated(model, index, msg.sender);
    }

    /// @inheritdoc IModelRegistry
    function getModel(ModelId model) public view returns (ModelInfo memory info) {
        address owner = _ownerOf(model.tokenId());
        if (owner == address(0)) revert RegistryUnknownModel(model);
        ModelRecord memory record = _models[model];
        info = ModelInfo({
            id: model,
            slug: _slugs[model],
            owner: owner,
            metadataCid: Cid.unpack(_metadataDigests[model], record.metadataPrefix),
            license: _licenses[model],
            registeredAt: record.registeredAt,
            versionCount: record.versionCount
        });
    }

    /// @inheritdoc IModelRegistry
    function getModelBySlug(string calldata slug) external view returns (ModelInfo memory) {
        return getModel(_idOf(slug));
    }

    /// @inheritdoc IModelRegistry
    function modelIdOf(string calldata slug) external view returns (ModelId) {
        return _idsBySlug[keccak256(bytes(slug))];
    }

    /// @inheritdoc IModelRegistry
    function modelCount() external view returns (uint256) {
        return _modelCount;
    }

    /// @inheritdoc IModelRegistry
    function getVersion(ModelId model, uint64 index) public view returns (VersionInfo memory) {
        _existingVersion(model, index);
        return _versionInfo(model, index);
    }

    /// @inheritdoc IModelRegistry
    function getVersionByTag(ModelId model, string calldata tag) external view returns (VersionInfo memory) {
        _checkModelExists(model);
        if (!Text.isTag(tag)) revert RegistryUnknownTag(model, tag);
        ShortString key = ShortStrings.toShortString(tag);
        VersionRecord storage version = _versions[model][key];
        if (version.publisher == address(0)) revert RegistryUnknownTag(model, tag);
        return _versionInfo(model, version.index, key, version);
    }

    /// @inheritdoc IModelRegistry
    function latestVersion(ModelId model) external view returns (VersionInfo memory) {
        _checkModelExists(model);
        for (uint64 i = _models[model].versionCount; i > 0; --i) {
            if (!_version(model, i - 1).deprecated) return _versionInfo(model, i - 1);
        }
        revert RegistryNoLiveVersion(model);
    }

    /// @inheritdoc IModelRegistry
    function latestLiveIndex(ModelId model) external view returns (bool exists, uint64 index) {
        _checkModelExists(model);
        for (uint64 i = _models[model].versionCount; i > 0; --i) {
            if (!_version(model, i - 1).deprecated) return (true, i - 1);
        }
    }

    /// @inheritdoc IModelRegistry
    function getVersions(ModelId model, uint64 offset, uint64 limit) external view returns (VersionInfo[] memory page) {
        _checkModelExists(model);
        if (limit > MAX_PAGE) revert RegistryPageTooLarge(limit, MAX_PAGE);
        uint64 count = _models[model].versionCount;
        uint64 end = offset >= count ? offset : (count - offset > limit ? offset + limit : count);
        page = new VersionInfo[](end - offset);
        for (uint64 i = offset; i < end; ++i) {
            page[i - offset] = _versionInfo(model, i);
        }
    }

    /// @inheritdoc IModelRegistry
    function lineage(ModelId model, uint64 index, uint256 maxDepth) external view returns (VersionRef[] memory chain) {
        _existingVersion(model, index);
        // Two walks: the first counts the steps, so that the result is allocated at its real length and any
        // `maxDepth`, up to type(uint256).max for "the whole chain", costs only what the chain holds.
        uint256 depth;
        for (VersionRecord storage version = _version(model, index); depth < maxDepth; ++depth) {
            if (version.parentModel == 0) break;
            version = _version(ModelId.wrap(version.parentModel), version.parentIndex);
        }
        chain = new VersionRef[](depth);
        for (uint256 i; i < depth; ++i) {
            VersionRecord storage version = _version(model, index);
            model = ModelId.wrap(version.parentModel);
            index = version.parentIndex;
            chain[i] = VersionRef({model: model, index: index});
        }
    }

    /// @inheritdoc IModelRegistry
    function canPublish(ModelId model, address account) public view returns (bool) {
        address owner = _ownerOf(model.tokenId());
        if (owner == address(0)) revert RegistryUnknownModel(model);
        return _isAuthorized(owner, account, model.tokenId()) || _publishers[model].contains(account);
    }

    /// @inheritdoc IModelRegistry
    function publishers(ModelId model) external view returns (address[] memory) {
        _checkModelExists(model);
        return _publishers[model].values();
    }

    /// @notice The model card as an `ipfs://` link, so that wallets and marketplaces show the model.
    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        ModelId model = ModelId.wrap(tokenId);
        _checkModelExists(model);
        return string.concat("ipfs://", Cid.toBase32(_metadataDigests[model], _models[model].metadataPrefix));
    }

    /// @dev The optional parts of a version, each written only when given so a plain publish pays for none.
    function _writeProvenance(
        VersionRecord storage version,
        bytes32[] storage datasetDigests,
        PublishParams calldata params
    ) private {
        VersionRef calldata parent = params.parent;
        if (!parent.model.isNone()) {
            // The parent must exist already, so a link always points back in time and lineage has no cycles.
            if (parent.index >= _models[parent.model].versionCount) {
                revert RegistryUnknownParent(parent.model, parent.index);
            }
            // Fit: ids and indexes of existing models and versions are far below 2**64 and 2**40.
            version.parentModel = uint64(parent.model.tokenId());
            version.parentIndex = uint40(parent.index);
        }
        (bytes32 configDigest, uint8 configPrefix) = Cid.packOptional(params.configCid);
        if (configPrefix != 0) {
            version.configPrefix = configPrefix;
            version.configDigest = configDigest;
        }
        uint256 datasetCount = params.datasetCids.length;
        if (datasetCount > MAX_DATASETS) revert RegistryTooManyDatasets(datasetCount, MAX_DATASETS);
        if (datasetCount == 0) return;
        uint128 prefixes;
        for (uint256 i; i < datasetCount; ++i) {
            (bytes32 digest, uint8 prefix) = Cid.pack(params.datasetCids[i]);
            datasetDigests.push(digest);
            prefixes |= uint128(uint256(prefix) << (8 * i));
        }
        version.datasetPrefixes = prefixes;
    }

    /// @dev Registers `slug` for the caller, by either path.
    function _register(string calldata slug, bytes calldata metadataCid, string calldata license)
        private
        returns (ModelId model)
    {
        if (!Text.isSlug(slug)) revert RegistryInvalidSlug(slug);
        bytes32 slugHash = keccak256(bytes(slug));
        ModelId existing = _idsBySlug[slugHash];
        if (!existing.isNone()) revert RegistrySlugTaken(slug, existing);
        if (!Text.isLicense(license)) revert RegistryInvalidLicense(license);
        (bytes32 digest, uint8 prefix) = Cid.pack(metadataCid);

        model = ModelId.wrap(++_modelCount);
        _idsBySlug[slugHash] = model;
        _slugs[model] = slug;
        _licenses[model] = license;
        _models[model] = ModelRecord({registeredAt: uint40(block.timestamp), metadataPrefix: prefix, versionCount: 0});
        _metadataDigests[model] = digest;
        // A plain mint: the caller registers for itself, and already manages the model by calling this contract.
        _mint(msg.sender, model.tokenId());
        emit ModelRegistered(model, msg.sender, slug, metadataCid, license);
    }

    /// @dev Deletes a pending commitment, revealed or expired.
    function _forget(bytes32 commitment) private {
        delete _commitments[commitment];
        // Underflow not possible: every stored commitment was counted once when it was first made.
        unchecked {
            --_pendingCommitments;
        }
    }

    function _idOf(string calldata slug) private view returns (ModelId model) {
        model = _idsBySlug[keccak256(bytes(slug))];
        if (model.isNone()) revert RegistryUnknownSlug(slug);
    }

    function _checkModelExists(ModelId model) private view {
        if (_ownerOf(model.tokenId()) == address(0)) revert RegistryUnknownModel(model);
    }

    function _checkModelOwner(ModelId model) private view {
        address owner = _ownerOf(model.tokenId());
        if (owner == address(0)) revert RegistryUnknownModel(model);
        if (!_isAuthorized(owner, msg.sender, model.tokenId())) revert RegistryNotModelOwner(model, msg.sender);
    }

    function _existingVersion(ModelId model, uint64 index) private view returns (VersionRecord storage) {
        _checkModelExists(model);
        uint64 count = _models[model].versionCount;
        if (index >= count) revert RegistryUnknownVersion(model, index, count);
        return _version(model, index);
    }

    function _version(ModelId model, uint64 index) private view returns (VersionRecord storage) {
        return _versions[model][_tags[model][index]];
    }

    function _versionInfo(ModelId model, uint64 index) private view returns (VersionInfo memory) {
        ShortString tag = _tags[model][index];
        return _versionInfo(model, index, tag, _versions[model][tag]);
    }

    function _versionInfo(ModelId model, uint64 index, ShortString tag, VersionRecord storage version)
        private
        view
        returns (VersionInfo memory info)
    {
        bytes32[] storage datasetDigests = _datasetDigests[model][index];
        bytes[] memory datasetCids = new bytes[](datasetDigests.length);
        uint128 prefixes = version.datasetPrefixes;
        for (uint256 i; i < datasetCids.length; ++i) {
            datasetCids[i] = Cid.unpack(datasetDigests[i], uint8(prefixes >> (8 * i)));
        }
        bool hasParent = version.parentModel != 0;
        info = VersionInfo({
            model: model,
            index: index,
            tag: tag.toString(),
            weightsCid: Cid.unpack(version.weightsDigest, version.weightsPrefix),
            configCid: Cid.unpack(version.configDigest, version.configPrefix),
            hasParent: hasParent,
            parent: VersionRef({model: ModelId.wrap(version.parentModel), index: version.parentIndex}),
            datasetCids: datasetCids,
            publisher: version.publisher,
            publishedAt: version.publishedAt,
            deprecated: version.deprecated,
            deprecationReason: version.deprecated ? _deprecationReasons[model][index] : ""
        });
    }
}
