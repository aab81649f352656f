// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {IModelRegistry} from "../interfaces/IModelRegistry.sol";
import {IModelRevenue} from "../interfaces/IModelRevenue.sol";
import {IPromotion} from "../interfaces/IPromotion.sol";
import {ISubnets} from "../interfaces/ISubnets.sol";
import {Cid} from "../libraries/Cid.sol";
import {Text} from "../libraries/Text.sol";
import {ModelId} from "../types/ModelId.sol";

/// @title Promotion
/// @notice Publishes a subnet's winning candidate as the next version of the model the subnet is bound to (see
/// {IPromotion}).
///
/// The rule's state lives in the subnet contract: each completed epoch records its leader and how many epochs in a
/// row it has led with the same candidate ({ISubnets-leaderOf}), so a promotion reads one record however many epochs
/// or promotions came before, and nobody has to observe every epoch. Every check a promotion makes is made by one
/// function that the {check} view shares, so the view's verdict and the transaction's agree; the view also makes the
/// two checks the registry makes when it publishes (this contract a publisher, the tag free), which a promotion
/// leaves to the registry.
contract Promotion is IPromotion, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc IPromotion
    uint16 public constant MAX_STREAK = 10_000;

    /// Tag characters a prefix may take, leaving room for any epoch number below 10^15 in a 31-character tag.
    uint256 private constant MAX_PREFIX_LENGTH = 16;

    /// Gas for a bounty token's `setExcludedSelf` (see {_declineRevenue}).
    uint256 private constant DECLINE_REVENUE_GAS = 100_000;

    /// Bit layout of a promotion's record: the miner's hotkey, then its subnet (netuids stay far below 2^32), UID and
    /// the epoch (far below 2^48), in one word.
    uint256 private constant NETUID_SHIFT = 160;
    uint256 private constant UID_SHIFT = 192;
    uint256 private constant EPOCH_SHIFT = 208;

    /// @inheritdoc IPromotion
    IModelRegistry public immutable registry;

    /// @inheritdoc IPromotion
    ISubnets public immutable subnets;

    /// @dev A binding in four words. Model ids fit 64 bits (the registry stores parent ids in 64 bits). An empty
    /// `tagPrefix` stands for the default, `sn<netuid>-e`, so that a binding stores a prefix only when it sets one.
    struct BindingRecord {
        uint64 model;
        address subnetOwner;
        uint16 minStreak;
        IERC20 bountyToken;
        uint64 boundAt;
        uint32 promotions;
        uint128 bounty;
        uint128 escrow;
        string tagPrefix;
    }

    /// @dev A declared parent, valid while the UID's candidate is the one published at `candidateAt`.
    struct Declaration {
        uint64 model;
        uint64 index;
        uint64 candidateAt;
    }

    mapping(uint256 netuid => BindingRecord) private _bindings;
    mapping(uint256 netuid => mapping(uint256 uid => Declaration)) private _declarations;
    /// Each promotion's record (see the bit layout above), by model and the hash of the weights CID it published: one
    /// word that both refuses the same weights twice and names the version's contributor.
    mapping(uint64 model => mapping(bytes32 weights => uint256)) private _promoted;
    mapping(address account => mapping(IERC20 token => uint256)) private _bounties;

    /// @param registry_ The model registry promotions publish to.
    /// @param subnets_ The subnet contract whose leaders are promoted.
    constructor(IModelRegistry registry_, ISubnets subnets_) {
        registry = registry_;
        subnets = subnets_;
    }

    // --- the model's owner ---

    /// @inheritdoc IPromotion
    function bind(uint256 netuid, BindingParams calldata params) external nonReentrant {
        ModelId model = params.model;
        _checkModelOwner(model);
        BindingRecord storage b = _bindings[netuid];
        if (b.model != 0) revert PromotionAlreadyBound(netuid, ModelId.wrap(b.model));
        ISubnets.LeaderInfo memory subnet = subnets.leaderOf(netuid);
        if (subnet.model != model) revert PromotionModelMismatch(netuid, subnet.model, model);
        if (!registry.canPublish(model, address(this))) revert PromotionNotPublisher(model);
        if (params.minStreak == 0 || params.minStreak > MAX_STREAK) {
            revert PromotionInvalidStreak(params.minStreak, MAX_STREAK);
        }
        if (params.bounty != 0 && address(params.bountyToken) == address(0)) revert PromotionNoBountyToken();
        uint256 prefixLength = bytes(params.tagPrefix).length;
        if (prefixLength != 0 && (prefixLength > MAX_PREFIX_LENGTH || !Text.isTag(params.tagPrefix))) {
            revert PromotionInvalidTagPrefix(params.tagPrefix);
        }

        // Fit: the model exists, so its id is below 2^64 (see above).
        b.model = uint64(ModelId.unwrap(model));
        b.subnetOwner = subnet.subnetOwner;
        b.minStreak = params.minStreak;
        b.bountyToken = params.bountyToken;
        b.boundAt = uint64(block.number);
        b.bounty = params.bounty;
        if (prefixLength != 0) b.tagPrefix = params.tagPrefix;
        emit PromotionBound(
            netuid,
            ModelId.unwrap(model),
            msg.sender,
            subnet.subnetOwner,
            params.minStreak,
            address(params.bountyToken),
            params.bounty,
            _prefix(netuid, params.tagPrefix)
        );
        if (address(params.bountyToken) != address(0)) _declineRevenue(address(params.bountyToken));
    }

    /// @inheritdoc IPromotion
    function revoke(uint256 netuid) external nonReentrant {
        BindingRecord storage b = _bound(netuid);
        ModelId model = ModelId.wrap(b.model);
        _checkModelOwner(model);
        (IERC20 token, uint256 escrow) = (b.bountyToken, b.escrow);
        delete _bindings[netuid];
        emit PromotionRevoked(netuid, ModelId.unwrap(model), msg.sender, escrow);
        if (escrow != 0) token.safeTransfer(msg.sender, escrow);
    }

    /// @inheritdoc IPromotion
    function fund(uint256 netuid, uint256 amount) external nonReentrant returns (uint256 received) {
        BindingRecord storage b = _bound(netuid);
        if (amount == 0) revert PromotionZeroAmount();
        IERC20 token = b.bountyToken;
        if (address(token) == address(0)) revert PromotionNoBountyToken();
        // Measured, so that a token charging a fee on transfer credits only what arrived.
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        received = token.balanceOf(address(this)) - before;
        // Checked: an escrow past 2^128 - 1 reverts instead of wrapping.
        b.escrow = _toUint128(b.escrow + received);
        emit BountyFunded(netuid, msg.sender, received);
    }

    // --- miners ---

    /// @inheritdoc IPromotion
    function declareParent(uint256 netuid, IModelRegistry.VersionRef calldata parent) external {
        (bool registered, uint16 uid) = subnets.uidOf(netuid, msg.sender);
        if (!registered) revert PromotionNotRegistered(netuid, msg.sender);
        uint64 candidateAt = subnets.candidateOf(netuid, uid).publishedAt;
        if (candidateAt == 0) revert PromotionNoCandidate(netuid, uid);
        uint256 parentModel = ModelId.unwrap(parent.model);
        if (parentModel == 0) {
            delete _declarations[netuid][uid];
        } else {
            // Reverts with the registry's error for a version that does not exist; versions are never removed.
            registry.getVersion(parent.model, parent.index);
            _declarations[netuid][uid] =
                Declaration({model: uint64(parentModel), index: parent.index, candidateAt: candidateAt});
        }
        emit ParentDeclared(netuid, uid, parentModel, parent.index, candidateAt);
    }

    /// @inheritdoc IPromotion
    function claimBounty(IERC20 token, address to) external nonReentrant returns (uint256 amount) {
        if (to == address(0) || to == address(this)) revert PromotionInvalidRecipient(to);
        amount = _bounties[msg.sender][token];
        if (amount == 0) revert PromotionNothingToClaim(msg.sender, address(token));
        delete _bounties[msg.sender][token];
        emit BountyClaimed(msg.sender, address(token), to, amount);
        token.safeTransfer(to, amount);
    }

    // --- anyone ---

    /// @inheritdoc IPromotion
    function promote(uint256 netuid) external nonReentrant returns (uint64 index) {
        BindingRecord storage b = _bindings[netuid];
        (Check memory c, ISubnets.LeaderInfo memory leader) = _inspect(netuid, b, false);
        if (c.status != Status.Ready) _refuse(netuid, b, c, leader);

        // The registry checks the last two conditions itself (publisher, free tag) and reverts with its own errors.
        uint64 model = b.model;
        index = registry.publish(
            ModelId.wrap(model),
            IModelRegistry.PublishParams({
                weightsCid: c.weightsCid,
                configCid: "",
                tag: c.tag,
                parent: c.parent,
                datasetCids: new bytes[](0)
            })
        );
        _promoted[model][keccak256(c.weightsCid)] = uint256(uint160(c.hotkey)) | (netuid << NETUID_SHIFT)
            | (uint256(c.uid) << UID_SHIFT) | (uint256(c.epoch) << EPOCH_SHIFT);
        unchecked {
            // Overflow not possible: one promotion per completed epoch at most.
            ++b.promotions;
        }
        emit CandidatePromoted(netuid, model, index, c.uid, c.hotkey, c.coldkey, c.epoch, c.streak, c.tag);

        uint256 bounty = b.bounty;
        if (bounty != 0) {
            // Never more than the escrow holds: a binding funded short pays what it has.
            uint256 credited = c.bounty;
            IERC20 token = b.bountyToken;
            if (credited != 0) {
                // Fits: `credited` is at most the escrow, a uint128.
                b.escrow -= uint128(credited);
                _bounties[c.coldkey][token] += credited;
            }
            emit BountyCredited(netuid, c.coldkey, address(token), credited, bounty);
        }
    }

    // --- views ---

    /// @inheritdoc IPromotion
    function bindingOf(uint256 netuid) external view returns (Binding memory binding) {
        BindingRecord storage b = _bindings[netuid];
        binding = Binding({
            model: ModelId.wrap(b.model),
            subnetOwner: b.subnetOwner,
            minStreak: b.minStreak,
            bountyToken: b.bountyToken,
            bounty: b.bounty,
            escrow: b.escrow,
            boundAt: b.boundAt,
            promotions: b.promotions,
            tagPrefix: b.model == 0 ? "" : _prefix(netuid, b.tagPrefix)
        });
    }

    /// @inheritdoc IPromotion
    function check(uint256 netuid) external view returns (Check memory c) {
        (c,) = _inspect(netuid, _bindings[netuid], true);
    }

    /// @inheritdoc IPromotion
    function contributionOf(ModelId model, uint64 index)
        external
        view
        returns (bool promoted, Contribution memory contribution)
    {
        // Reverts with the registry's error for a version that does not exist.
        IModelRegistry.VersionInfo memory version = registry.getVersion(model, index);
        if (version.publisher != address(this)) return (false, contribution);
        // Fit: the version exists, so the model's id is below 2^64.
        uint256 word = _promoted[uint64(ModelId.unwrap(model))][keccak256(version.weightsCid)];
        if (word == 0) return (false, contribution);
        contribution = Contribution({
            hotkey: address(uint160(word)),
            netuid: uint64(uint32(word >> NETUID_SHIFT)),
            uid: uint16(word >> UID_SHIFT),
            coldkey: address(0),
            epoch: uint64(word >> EPOCH_SHIFT)
        });
        // A hotkey's coldkey on a subnet is fixed by its first registration there.
        contribution.coldkey = subnets.coldkeyOf(contribution.netuid, contribution.hotkey);
        return (true, contribution);
    }

    /// @inheritdoc IPromotion
    function declaredParentOf(uint256 netuid, uint256 uid)
        external
        view
        returns (bool declared, IModelRegistry.VersionRef memory parent)
    {
        Declaration memory d = _declarations[netuid][uid];
        if (d.model == 0 || d.candidateAt != subnets.candidateOf(netuid, uid).publishedAt) return (false, parent);
        return (true, IModelRegistry.VersionRef({model: ModelId.wrap(d.model), index: d.index}));
    }

    /// @inheritdoc IPromotion
    function bountyOf(address account, IERC20 token) external view returns (uint256) {
        return _bounties[account][token];
    }

    // --- internals ---

    /// Everything {promote} checks and needs, in the order it checks: the first failing check sets `c.status`, and
    /// what follows it is left unread. With `full` (the view), it also makes the registry's two checks of a publish.
    function _inspect(uint256 netuid, BindingRecord storage b, bool full)
        private
        view
        returns (Check memory c, ISubnets.LeaderInfo memory leader)
    {
        uint64 model = b.model;
        if (model == 0) {
            c.status = Status.NotBound;
            return (c, leader);
        }
        c.minStreak = b.minStreak;
        leader = subnets.leaderOf(netuid);
        (c.uid, c.streak, c.epoch, c.hotkey, c.coldkey) =
            (leader.uid, leader.streak, leader.epoch, leader.hotkey, leader.coldkey);
        if (leader.subnetOwner != b.subnetOwner) {
            c.status = Status.SubnetOwnerChanged;
            return (c, leader);
        }
        if (!leader.exists) {
            c.status = Status.NoLeader;
            return (c, leader);
        }
        uint64 publishedAt = leader.publishedAt;
        if (publishedAt != 0) c.weightsCid = Cid.unpack(leader.weightsDigest, leader.weightsPrefix);
        c.tag = string.concat(_prefix(netuid, b.tagPrefix), Strings.toString(leader.epoch));
        if (publishedAt == 0) {
            c.status = Status.NoCandidate;
        } else if (publishedAt != leader.candidatePublishedAt) {
            c.status = Status.CandidateChanged;
        } else if (leader.streak < b.minStreak) {
            c.status = Status.StreakTooShort;
        } else if (_promoted[model][keccak256(c.weightsCid)] != 0) {
            c.status = Status.AlreadyPromoted;
        } else if (!_parent(netuid, model, c, publishedAt)) {
            c.status = Status.ParentDeprecated;
        } else if (full && !registry.canPublish(ModelId.wrap(model), address(this))) {
            c.status = Status.NotPublisher;
        } else if (full && _tagTaken(ModelId.wrap(model), c.tag)) {
            c.status = Status.TagTaken;
        } else {
            c.bounty = b.bounty < b.escrow ? b.bounty : b.escrow;
        }
    }

    /// Sets the version a promotion names as its parent: the one the candidate declared, else the model's latest live
    /// version, else none. False when the declared parent is deprecated.
    function _parent(uint256 netuid, uint64 model, Check memory c, uint64 publishedAt) private view returns (bool) {
        Declaration memory d = _declarations[netuid][c.uid];
        if (d.model != 0 && d.candidateAt == publishedAt) {
            c.parent = IModelRegistry.VersionRef({model: ModelId.wrap(d.model), index: d.index});
            c.parentDeclared = true;
            return !registry.getVersion(c.parent.model, d.index).deprecated;
        }
        (bool exists, uint64 index) = registry.latestLiveIndex(ModelId.wrap(model));
        if (exists) c.parent = IModelRegistry.VersionRef({model: ModelId.wrap(model), index: index});
        return true;
    }

    /// Whether a version of `model` has `tag` already (the registry refuses an unknown tag).
    function _tagTaken(ModelId model, string memory tag) private view returns (bool) {
        try registry.getVersionByTag(model, tag) returns (IModelRegistry.VersionInfo memory) {
            return true;
        } catch {
            return false;
        }
    }

    /// The tag prefix in use: the binding's, or `sn<netuid>-e` when it set none.
    function _prefix(uint256 netuid, string memory prefix) private pure returns (string memory) {
        return bytes(prefix).length != 0 ? prefix : string.concat("sn", Strings.toString(netuid), "-e");
    }

    /// Reverts with the error that names why `c.status` is not `Ready` (the registry names the last two itself).
    function _refuse(
        uint256 netuid,
        BindingRecord storage b,
        Check memory c,
        ISubnets.LeaderInfo memory leader
    ) private view {
        Status status = c.status;
        if (status == Status.NotBound) revert PromotionNotBound(netuid);
        if (status == Status.SubnetOwnerChanged) {
            revert PromotionSubnetOwnerChanged(netuid, b.subnetOwner, leader.subnetOwner);
        }
        if (status == Status.NoLeader) revert PromotionNoLeader(netuid);
        if (status == Status.NoCandidate) revert PromotionNoCandidate(netuid, c.uid);
        if (status == Status.CandidateChanged) {
            revert PromotionCandidateChanged(netuid, c.uid, leader.candidatePublishedAt, leader.publishedAt);
        }
        if (status == Status.StreakTooShort) revert PromotionStreakTooShort(netuid, c.uid, c.streak, c.minStreak);
        if (status == Status.AlreadyPromoted) revert PromotionAlreadyPromoted(ModelId.wrap(b.model), c.weightsCid);
        revert PromotionParentDeprecated(c.parent.model, c.parent.index);
    }

    function _bound(uint256 netuid) private view returns (BindingRecord storage b) {
        b = _bindings[netuid];
        if (b.model == 0) revert PromotionNotBound(netuid);
    }

    function _checkModelOwner(ModelId model) private view {
        // Reverts with the registry's ERC-721 error for a model that does not exist.
        if (IERC721(address(registry)).ownerOf(ModelId.unwrap(model)) != msg.sender) {
            revert PromotionNotModelOwner(model, msg.sender);
        }
    }

    /// A model token pays revenue to its holders, which this contract could never claim: before it holds any as a
    /// bounty escrow it excludes itself from the token's revenue sharing, so that the token's other holders earn that
    /// revenue. Tokens without that function, or on which this contract is excluded already, refuse the call, which
    /// is ignored; its gas and returned data are bounded.
    function _declineRevenue(address token) private {
        bytes4 selector = IModelRevenue.setExcludedSelf.selector;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, selector)
            mstore(add(ptr, 4), 1)
            pop(call(DECLINE_REVENUE_GAS, token, 0, ptr, 36, 0, 0))
        }
    }

    function _toUint128(uint256 value) private pure returns (uint128) {
        if (value > type(uint128).max) revert PromotionEscrowTooLarge(value);
        return uint128(value);
    }
}
