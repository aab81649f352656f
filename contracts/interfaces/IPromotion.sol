// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ModelId} from "../types/ModelId.sol";
import {IModelRegistry} from "./IModelRegistry.sol";
import {ISubnets} from "./ISubnets.sol";

/// @title IPromotion
/// @notice From competition to version: a subnet's winning candidate becomes the next version of the model the
/// subnet improves.
///
/// A model's owner (its DAO's timelock after an IMO) binds a subnet that records the model, after making this
/// contract one of the model's publishers. The binding fixes the rule: the leader of a completed epoch (the UID
/// with the highest incentive, the lower UID on ties) must have led `minStreak` completed epochs in a row with the
/// same candidate, counting only epochs whose whole tempo (from the previous epoch's start) came after the candidate
/// was published: the epoch that ends the tempo a candidate was published in does not count it, so that every
/// validator had a whole tempo to score what is counted. Once it has, anyone may call {promote}: the candidate's
/// weights are published as a version of the model, tagged `<prefix><epoch>` (`sn<netuid>-e<epoch>` by default),
/// whose parent is the version the candidate declared (any version of any model) or else the model's latest live
/// version; the miner's hotkey and coldkey are recorded as the version's contributor, and the binding's bounty is
/// credited to the coldkey from the escrow the binding holds, never more than it holds. The same weights are never
/// promoted to the same model twice.
///
/// A binding holds for the subnet owner it was made with: if the subnet changes hands, nothing is promoted until
/// the model's owner binds again. Revoking returns the escrow to the model's owner; bounties already credited stay
/// claimable by their coldkeys.
interface IPromotion {
    /// @notice What a model's owner gives to bind a subnet.
    struct BindingParams {
        /// The model the subnet records, which promotions publish to.
        ModelId model;
        /// Completed epochs in a row a candidate must lead (K), at least 1.
        uint16 minStreak;
        /// Token of the bounty (the zero address for none).
        IERC20 bountyToken;
        /// Bounty credited to the winning coldkey on each promotion, at most what the escrow holds.
        uint128 bounty;
        /// Tags are `<tagPrefix><epoch>`; empty for `sn<netuid>-e`. At most 16 tag characters.
        string tagPrefix;
    }

    /// @notice A subnet's binding as the views return it.
    struct Binding {
        ModelId model;
        /// The subnet's owner when bound: a binding made with one owner does not promote for another.
        address subnetOwner;
        uint16 minStreak;
        IERC20 bountyToken;
        uint128 bounty;
        /// Bounty tokens held for this binding.
        uint128 escrow;
        /// Block of the binding.
        uint64 boundAt;
        /// Promotions made under this binding.
        uint64 promotions;
        /// The prefix in use (the default made explicit).
        string tagPrefix;
    }

    /// @notice Where a promoted version came from.
    struct Contribution {
        /// The miner's hotkey, subnet and UID.
        address hotkey;
        uint64 netuid;
        uint16 uid;
        /// The coldkey credited with the bounty.
        address coldkey;
        /// The subnet's completed epochs when promoted (the epoch in the tag).
        uint64 epoch;
    }

    /// @notice Whether {promote} would succeed now, and if not the first reason, in the order {promote} checks (the last
    /// two are the registry's checks when it publishes).
    enum Status {
        Ready,
        /// No binding for the subnet.
        NotBound,
        /// The subnet's owner is not the one the binding was made with.
        SubnetOwnerChanged,
        /// No completed epoch had a leader (every incentive zero).
        NoLeader,
        /// The leader has no candidate (it published none, or its UID was replaced).
        NoCandidate,
        /// The leader's candidate is not the one its streak counts (it published another after the last epoch).
        CandidateChanged,
        /// The leader has not led enough epochs in a row with its candidate.
        StreakTooShort,
        /// These weights were promoted to the model already.
        AlreadyPromoted,
        /// The parent the candidate declared is deprecated.
        ParentDeprecated,
        /// This contract is no longer a publisher of the model (the registry refuses the version).
        NotPublisher,
        /// Another version of the model has the tag already (the registry refuses the version).
        TagTaken
    }

    /// @notice What {promote} would do now, or why it would not.
    struct Check {
        Status status;
        /// The last completed epoch's leader (meaningless when `status` is `NotBound` or `NoLeader`).
        uint16 uid;
        uint64 streak;
        uint64 minStreak;
        uint64 epoch;
        address hotkey;
        address coldkey;
        bytes weightsCid;
        /// The tag the version would get.
        string tag;
        /// The parent it would name (`model` 0 for none), and whether the candidate declared it.
        IModelRegistry.VersionRef parent;
        bool parentDeclared;
        /// The bounty that would be credited (the binding's, capped by its escrow).
        uint256 bounty;
    }

    /// @notice Emitted when the owner of `model` binds subnet `netuid` to it.
    event PromotionBound(
        uint256 indexed netuid,
        uint256 indexed model,
        address indexed by,
        address subnetOwner,
        uint16 minStreak,
        address bountyToken,
        uint128 bounty,
        string tagPrefix
    );

    /// @notice Emitted when a binding is revoked; `escrowReturned` bounty tokens went to `by`, the model's owner.
    event PromotionRevoked(uint256 indexed netuid, uint256 indexed model, address indexed by, uint256 escrowReturned);

    /// @notice Emitted when `from` adds `amount` bounty tokens to a binding's escrow.
    event BountyFunded(uint256 indexed netuid, address indexed from, uint256 amount);

    /// @notice Emitted when UID `uid` declares that its candidate (published at `candidatePublishedAt`) derives from
    /// version `parentIndex` of `parentModel` (model 0: the declaration is withdrawn).
    event ParentDeclared(
        uint256 indexed netuid, uint256 indexed uid, uint256 indexed parentModel, uint64 parentIndex, uint64 candidatePublishedAt
    );

    /// @notice Emitted when subnet `netuid`'s leader is published as version `index` of `model`.
    event CandidatePromoted(
        uint256 indexed netuid,
        uint256 indexed model,
        uint64 indexed index,
        uint16 uid,
        address hotkey,
        address coldkey,
        uint64 epoch,
        uint64 streak,
        string tag
    );

    /// @notice Emitted when a promotion credits `amount` of `token` to `coldkey` (`bounty` was due).
    event BountyCredited(
        uint256 indexed netuid, address indexed coldkey, address indexed token, uint256 amount, uint256 bounty
    );

    /// @notice Emitted when `account` claims `amount` of `token` it was credited, paid to `to`.
    event BountyClaimed(address indexed account, address indexed token, address indexed to, uint256 amount);

    /// @notice `account` is not the owner of `model`.
    error PromotionNotModelOwner(ModelId model, address account);

    /// @notice Subnet `netuid` records `subnetModel`, not `model`.
    error PromotionModelMismatch(uint256 netuid, ModelId subnetModel, ModelId model);

    /// @notice This contract is not a publisher of `model` (the owner grants it with the registry's `setPublisher`).
    error PromotionNotPublisher(ModelId model);

    /// @notice `minStreak` is outside 1 to `max`.
    error PromotionInvalidStreak(uint256 minStreak, uint256 max);

    /// @notice The tag prefix has a character a tag may not have, or more than 16 characters.
    error PromotionInvalidTagPrefix(string tagPrefix);

    /// @notice A bounty was set without a bounty token.
    error PromotionNoBountyToken();

    /// @notice Subnet `netuid` is bound to `model` already (revoke first).
    error PromotionAlreadyBound(uint256 netuid, ModelId model);

    /// @notice Subnet `netuid` has no binding.
    error PromotionNotBound(uint256 netuid);

    /// @notice The binding was made with subnet owner `boundOwner`; the subnet's owner is now `owner`.
    error PromotionSubnetOwnerChanged(uint256 netuid, address boundOwner, address owner);

    /// @notice No completed epoch of subnet `netuid` had a leader.
    error PromotionNoLeader(uint256 netuid);

    /// @notice UID `uid`'s candidate is not the one its streak counts (published at `scoredAt`; now `publishedAt`).
    error PromotionCandidateChanged(uint256 netuid, uint256 uid, uint256 scoredAt, uint256 publishedAt);

    /// @notice UID `uid` has led `streak` epochs in a row with its candidate; the binding needs `required`.
    error PromotionStreakTooShort(uint256 netuid, uint256 uid, uint256 streak, uint256 required);

    /// @notice These weights were promoted to `model` already.
    error PromotionAlreadyPromoted(ModelId model, bytes weightsCid);

    /// @notice The declared parent, version `index` of `model`, is deprecated.
    error PromotionParentDeprecated(ModelId model, uint64 index);

    /// @notice `account` is not a registered hotkey of subnet `netuid`.
    error PromotionNotRegistered(uint256 netuid, address account);

    /// @notice UID `uid` of subnet `netuid` has no candidate to declare a parent for.
    error PromotionNoCandidate(uint256 netuid, uint256 uid);

    /// @notice An escrow of `escrow` tokens would not fit 128 bits.
    error PromotionEscrowTooLarge(uint256 escrow);

    /// @notice A zero amount.
    error PromotionZeroAmount();

    /// @notice `account` has no `token` bounty to claim.
    error PromotionNothingToClaim(address account, address token);

    /// @notice Bounties cannot be paid to `to`.
    error PromotionInvalidRecipient(address to);

    /// @notice Binds subnet `netuid` to `params.model` with the rule and bounty given. Only the model's owner, once it
    /// has made this contract a publisher of the model, and only for a subnet that records the model.
    function bind(uint256 netuid, BindingParams calldata params) external;

    /// @notice Ends subnet `netuid`'s binding and returns its escrow to the caller, the model's owner.
    function revoke(uint256 netuid) external;

    /// @notice Adds `amount` bounty tokens (pulled from the caller) to subnet `netuid`'s escrow. Anyone may fund; the
    /// escrow goes to the model's owner if the binding is revoked.
    /// @return received The tokens the escrow received (less than `amount` for a token that charges a fee).
    function fund(uint256 netuid, uint256 amount) external returns (uint256 received);

    /// @notice Declares, as the hotkey of a UID of subnet `netuid`, that its current candidate derives from `parent`
    /// (any version of any model; model 0 withdraws the declaration). A new candidate drops the declaration.
    function declareParent(uint256 netuid, IModelRegistry.VersionRef calldata parent) external;

    /// @notice Publishes subnet `netuid`'s leading candidate as the next version of the bound model, records its
    /// contributor and credits its bounty. Anyone may call it once the binding's rule holds.
    /// @return index The new version's index.
    function promote(uint256 netuid) external returns (uint64 index);

    /// @notice Pays the caller's credited `token` bounties to `to`.
    function claimBounty(IERC20 token, address to) external returns (uint256 amount);

    /// @notice The registry promotions publish to.
    function registry() external view returns (IModelRegistry);

    /// @notice The subnets whose leaders are promoted.
    function subnets() external view returns (ISubnets);

    /// @notice The largest `minStreak` a binding may set.
    function MAX_STREAK() external view returns (uint16);

    /// @notice Subnet `netuid`'s binding (`model` 0 when none).
    function bindingOf(uint256 netuid) external view returns (Binding memory);

    /// @notice Whether {promote} would succeed now, and what it would publish and credit.
    function check(uint256 netuid) external view returns (Check memory);

    /// @notice Where version `index` of `model` came from, if a promotion published it.
    function contributionOf(ModelId model, uint64 index) external view returns (bool promoted, Contribution memory);

    /// @notice The parent UID `uid` of subnet `netuid` declared for its current candidate, if any.
    function declaredParentOf(uint256 netuid, uint256 uid)
        external
        view
        returns (bool declared, IModelRegistry.VersionRef memory parent);

    /// @notice `token` bounties credited to `account` and not yet claimed.
    function bountyOf(address account, IERC20 token) external view returns (uint256);
}
