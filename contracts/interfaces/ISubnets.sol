// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ModelId} from "../types/ModelId.sol";
import {Hyperparameters} from "../subnets/SubnetStorage.sol";
import {ICidErrors} from "./ICidErrors.sol";

/// @title ISubnets
/// @notice Subnets: open competitions, after Bittensor's, that reward work on a model. A subnet has a stake token
/// (any ERC-20, for example the model's token) and a reward token. Hotkeys take UIDs by paying a registration
/// price into the subnet's reward pool; validators (the UIDs with the most stake) commit, then reveal, u16
/// weights over the UIDs; every `tempo` blocks a Yuma consensus epoch, run by anyone in a few transactions,
/// distributes the epoch's emission from the reward pool: incentive to miners, dividends to validators and
/// their stakers, a cut to the subnet's owner. Every payment is pulled by its recipient.
///
/// A hotkey is the address that takes a UID, sets weights and publishes candidates; its coldkey (fixed when
/// the hotkey first registers on a subnet) receives the hotkey's incentive and validator take and controls
/// the take. Stake on a hotkey is a pool shared by its stakers. An epoch pays for the tempo before it (from the
/// previous epoch's start), so stake counts in an epoch, for stake weight and for dividends, only when it was staked
/// before that tempo began: new stake counts from the start of the epoch after the next. Stake that counted leaves
/// by unbonding: it stops counting and earning at once and can be withdrawn once the next epoch has started. Stake
/// borrowed for a transaction or a few blocks therefore never counts.
///
/// Proportions given as u16 are fractions of 65535, as subtensor stores them. Durations are in blocks.
interface ISubnets is ICidErrors {
    /// @notice What a creator gives to create a subnet.
    struct SubnetParams {
        /// Token staked on hotkeys (decides validator permits and dividends).
        address stakeToken;
        /// Token of the reward pool: registration payments, funding and emissions.
        address rewardToken;
        /// The model the subnet improves, or 0 for none (recorded only).
        ModelId model;
        /// Binary CID (v0 or v1) of the subnet's description.
        bytes metadataCid;
        /// The subnet's hyperparameters (see {defaultHyperparameters}).
        Hyperparameters hyperparameters;
    }

    /// @notice A subnet's identity and epoch state.
    struct SubnetInfo {
        address owner;
        address pendingOwner;
        address stakeToken;
        address rewardToken;
        /// Stake token units per unit of stake weight.
        uint256 stakeScale;
        address ownerHotkey;
        ModelId model;
        bytes metadataCid;
        uint64 createdAt;
        /// Registered UIDs.
        uint16 n;
        /// Completed epochs.
        uint64 epochNumber;
        /// Block in which the last epoch started (0 before the first).
        uint64 lastEpochBlock;
        /// First block in which the next epoch may start.
        uint64 nextEpochBlock;
        /// Whether an epoch is running (then {advanceEpoch} performs its next step).
        bool epochRunning;
        /// Reward tokens available for future epochs.
        uint256 rewardPool;
        /// Bit `uid` set when the UID holds a validator permit.
        uint256 validatorPermits;
    }

    /// @notice One UID as the metagraph shows it.
    struct NeuronInfo {
        uint16 uid;
        address hotkey;
        address coldkey;
        uint64 registeredAt;
        /// Block of the UID's last weights (set or revealed), 0 if none.
        uint64 lastUpdate;
        uint16 consensus;
        uint16 incentive;
        uint16 dividends;
        uint16 validatorTrust;
        uint16 trust;
        uint16 rank;
        /// Reward tokens the last epoch paid to the UID (incentive and dividends), saturating at 2^96 - 1.
        uint256 emission;
        /// Reward tokens credited to the UID's coldkey (incentive, validator take) and not yet claimed.
        uint256 unclaimed;
        bool validatorPermit;
        /// Stake on the hotkey that counts for stake weight and earns, in stake token units.
        uint256 stake;
        /// Stake on the hotkey that counts from the next epoch's start.
        uint256 pendingStake;
    }

    /// @notice Stake on one hotkey. Epochs are counted from 1 as they start: `epochsStarted` is `epochNumber`, plus
    /// one while an epoch runs.
    struct StakeInfo {
        /// Stake that counts for stake weight and earns dividends.
        uint256 active;
        /// Stake that counts and earns from the start of the next epoch (epoch `epochsStarted + 1`).
        uint256 pendingNext;
        /// Stake that counts and earns from the start of the epoch after the next (epoch `epochsStarted + 2`).
        uint256 pendingLater;
        /// Validator take in effect, as a u16 proportion.
        uint16 take;
        /// Take that applies from the start of the `nextTakeFrom`-th epoch (equal to `take` when none pending).
        uint16 nextTake;
        uint64 nextTakeFrom;
        /// Dividends per active stake unit since the pool began, Q128.
        uint256 rewardPerStake;
        /// Epochs started so far.
        uint64 epochsStarted;
    }

    /// @notice One staker's position on one hotkey.
    struct PositionInfo {
        /// Stake that counts and earns.
        uint256 active;
        /// Stake that counts and earns from the start of the next epoch (see {StakeInfo}).
        uint256 pendingNext;
        /// Stake that counts and earns from the start of the epoch after the next.
        uint256 pendingLater;
        /// Dividends earned and not yet paid.
        uint256 rewards;
        /// Unstaked stake waiting to leave: it counts and earns nothing.
        uint256 unbonding;
        /// The started-epoch count from whose start `unbonding` can be withdrawn (0 when nothing unbonds).
        uint64 unbondingUntil;
        /// The part of `unbonding` that can be withdrawn now.
        uint256 withdrawable;
    }

    /// @notice A UID's pending weight commit.
    struct CommitInfo {
        bytes32 hash;
        /// Completed epochs when committed.
        uint64 epoch;
        uint64 blockNumber;
        /// The only value of `epochNumber` in which the commit may be revealed.
        uint64 revealEpoch;
    }

    /// @notice The last completed epoch's leader, with what a promotion of its candidate needs in one read.
    struct LeaderInfo {
        /// False when every incentive of the last completed epoch was zero (or no epoch has completed).
        bool exists;
        /// The UID with the highest incentive (the lower UID on ties).
        uint16 uid;
        /// Completed epochs in a row it has led with its current candidate, counting only epochs whose tempo (from the
        /// previous epoch's start to their own) began after the candidate was published, so that validators had a
        /// whole tempo to score it; 0 when it has none.
        uint64 streak;
        /// `publishedAt` of the candidate the streak counts (0 for none).
        uint64 candidatePublishedAt;
        /// Completed epochs of the subnet.
        uint64 epoch;
        address hotkey;
        address coldkey;
        /// The subnet's owner and the model it records.
        address subnetOwner;
        ModelId model;
        /// The leader UID's candidate now (it may have changed since the streak's): its `publishedAt` (0 for none)
        /// and its weights CID, packed as {Cid-pack} packs it (`Cid.unpack(weightsDigest, weightsPrefix)` is the CID).
        uint64 publishedAt;
        bytes32 weightsDigest;
        uint8 weightsPrefix;
    }

    /// @notice A model candidate a UID published for validators to evaluate.
    struct CandidateInfo {
        bytes weightsCid;
        bytes metadataCid;
        uint64 publishedAt;
    }

    // --- protocol ---

    /// @notice Emitted when the protocol's creation fee becomes `fee` wei.
    event SubnetCreationFeeSet(uint256 fee);

    /// @notice Emitted when `amount` wei of creation fees are sent to `to` (the protocol owner).
    event SubnetFeesWithdrawn(address indexed to, uint256 amount);

    // --- subnets ---

    /// @notice Emitted when `owner` creates subnet `netuid`.
    event SubnetCreated(
        uint256 indexed netuid,
        address indexed owner,
        address stakeToken,
        address rewardToken,
        ModelId indexed model,
        bytes metadataCid
    );

    /// @notice Emitted when a subnet's hyperparameters are set (at creation and on every change).
    event SubnetHyperparametersSet(uint256 indexed netuid, Hyperparameters hyperparameters);

    /// @notice Emitted when the owner queues `hyperparameters`, which apply from the start of epoch `from` (counted
    /// as epochs start: the epoch after the next one to start).
    event SubnetHyperparametersQueued(uint256 indexed netuid, Hyperparameters hyperparameters, uint64 from);

    /// @notice Emitted when a subnet's description changes.
    event SubnetMetadataSet(uint256 indexed netuid, bytes metadataCid);

    /// @notice Emitted when the owner of subnet `netuid` offers it to `newOwner` (zero cancels an offer).
    event SubnetOwnershipTransferStarted(uint256 indexed netuid, address indexed owner, address indexed newOwner);

    /// @notice Emitted when subnet `netuid` passes from `previousOwner` to `newOwner`.
    event SubnetOwnershipTransferred(uint256 indexed netuid, address indexed previousOwner, address indexed newOwner);

    /// @notice Emitted when the subnet owner's hotkey becomes `hotkey` (zero for none).
    event SubnetOwnerHotkeySet(uint256 indexed netuid, address indexed hotkey);

    // --- UIDs ---

    /// @notice Emitted when `hotkey` (owned by `coldkey`) takes `uid` for `price` reward tokens.
    event NeuronRegistered(
        uint256 indexed netuid,
        uint256 indexed uid,
        address indexed hotkey,
        address coldkey,
        uint256 price
    );

    /// @notice Emitted when `hotkey` loses `uid` to a new registration; its stake stays with it.
    event NeuronPruned(uint256 indexed netuid, uint256 indexed uid, address indexed hotkey);

    /// @notice Emitted when the hotkey of `uid` publishes a model candidate.
    event CandidatePublished(uint256 indexed netuid, uint256 indexed uid, bytes weightsCid, bytes metadataCid);

    /// @notice Emitted when a candidate published at `uid` drops the bonds validators held on it (`bondsReset`).
    event BondsReset(uint256 indexed netuid, uint256 indexed uid);

    // --- weights ---

    /// @notice Emitted when `uid` commits to weights, to be revealed when `epochNumber == revealEpoch`.
    event WeightsCommitted(uint256 indexed netuid, uint256 indexed uid, bytes32 hash, uint64 revealEpoch);

    /// @notice Emitted when `uid`'s weights are stored (set directly, or revealed when `revealed`).
    event WeightsSet(uint256 indexed netuid, uint256 indexed uid, bool revealed);

    // --- stake ---

    /// @notice Emitted when `staker` stakes `amount` on `hotkey`: it counts for stake weight and earns from the start
    /// of epoch `activeFrom` (counted as epochs start), the epoch after the next.
    event Staked(
        uint256 indexed netuid,
        address indexed hotkey,
        address indexed staker,
        uint256 amount,
        uint64 activeFrom
    );

    /// @notice Emitted when `staker` takes `amount` of stake off `hotkey`: pending stake leaves at once (see
    /// {StakeWithdrawn}), and `unbonding` of it, which had counted, can leave from the start of epoch
    /// `withdrawableFrom` (counted as epochs start; 0 when nothing unbonds).
    event Unstaked(
        uint256 indexed netuid,
        address indexed hotkey,
        address indexed staker,
        uint256 amount,
        uint256 unbonding,
        uint64 withdrawableFrom
    );

    /// @notice Emitted when `amount` stake tokens of `staker`'s stake on `hotkey` are paid back to it.
    event StakeWithdrawn(uint256 indexed netuid, address indexed hotkey, address indexed staker, uint256 amount);

    /// @notice Emitted when the take of `hotkey` becomes `take` from the start of epoch `from` (counted as
    /// epochs start; a value not above the started epochs means at once).
    event TakeSet(uint256 indexed netuid, address indexed hotkey, uint16 take, uint64 from);

    // --- rewards and epochs ---

    /// @notice Emitted when `from` adds `amount` reward tokens (as received) to the reward pool.
    event SubnetFunded(uint256 indexed netuid, address indexed from, uint256 amount);

    /// @notice Emitted when `account`'s claimable reward tokens are paid to `to`.
    event RewardsClaimed(uint256 indexed netuid, address indexed account, address indexed to, uint256 amount);

    /// @notice Emitted when `staker`'s dividends from stake on `hotkey` are paid to `to` (also on unstake).
    event StakeRewardsClaimed(
        uint256 indexed netuid,
        address indexed hotkey,
        address indexed staker,
        address to,
        uint256 amount
    );

    /// @notice Emitted when epoch `epoch` (0-based: `epochNumber` while it runs) starts: `emission` taken from
    /// the pool, `ownerCut` of it credited to the subnet owner, the rest to be distributed.
    event EpochStarted(uint256 indexed netuid, uint64 indexed epoch, uint256 emission, uint256 ownerCut);

    /// @notice Emitted after each step of a running epoch that does not complete it.
    event EpochStepped(uint256 indexed netuid, uint64 indexed epoch, address keeper);

    /// @notice Emitted when an epoch completes: of `emission` (after the owner's cut) it credited `paid` to
    /// UIDs and returned `dust` to the pool.
    event EpochCompleted(uint256 indexed netuid, uint64 indexed epoch, uint256 emission, uint256 paid, uint256 dust);

    /// @notice Emitted when `keeper`, who completed an epoch, is credited `amount` reward tokens of its emission.
    event KeeperRewarded(uint256 indexed netuid, address indexed keeper, uint256 amount);

    // --- errors: protocol ---

    /// @notice Thrown when setting a creation fee above the `max` wei allowed.
    error SubnetCreationFeeTooHigh(uint256 fee, uint256 max);

    /// @notice Thrown when a creator sends `value` wei instead of the creation `fee`.
    error SubnetWrongCreationFee(uint256 value, uint256 fee);

    /// @notice Thrown when there are no creation fees to withdraw.
    error SubnetNoFees();

    /// @notice Thrown when sending `amount` wei of fees to `to` fails.
    error SubnetFeeTransferFailed(address to, uint256 amount);

    // --- errors: subnets ---

    /// @notice Thrown when no subnet has id `netuid`.
    error SubnetNotFound(uint256 netuid);

    /// @notice Thrown when `account`, not the owner of subnet `netuid`, calls an owner-only function.
    error SubnetNotOwner(uint256 netuid, address account);

    /// @notice Thrown when `account` accepts subnet `netuid` without being its pending owner.
    error SubnetNotPendingOwner(uint256 netuid, address account);

    /// @notice Thrown when `token` cannot be a stake or reward token (not a contract).
    error SubnetInvalidToken(address token);

    /// @notice Thrown when a call would change the inputs of the epoch running on subnet `netuid`.
    error SubnetEpochRunning(uint256 netuid);

    /// @notice Thrown when no epoch runs on subnet `netuid` and the next is due only in block `dueBlock`.
    error SubnetEpochNotDue(uint256 netuid, uint256 dueBlock);

    /// @notice Thrown when an epoch's steps credited `paid`, more than the `emission` it was given. The epoch
    /// cannot do so (its shares are normalised and floored); the check keeps one subnet's error from ever
    /// spending another subnet's reward tokens, which the contract holds together.
    error SubnetEpochOverpaid(uint256 netuid, uint256 paid, uint256 emission);

    // --- errors: hyperparameters (bounds are inclusive) ---

    /// @notice Thrown when `tempo` is outside [`min`, `max`].
    error SubnetTempoOutOfBounds(uint256 tempo, uint256 min, uint256 max);

    /// @notice Thrown when `maxUids` is outside [`min`, `max`] (`min` is 1, or the registered UIDs on a change).
    error SubnetMaxUidsOutOfBounds(uint256 maxUids, uint256 min, uint256 max);

    /// @notice Thrown when `maxValidators` is outside [1, `max`].
    error SubnetMaxValidatorsOutOfBounds(uint256 maxValidators, uint256 max);

    /// @notice Thrown when `immunityPeriod` exceeds `max` blocks.
    error SubnetImmunityPeriodTooLong(uint256 immunityPeriod, uint256 max);

    /// @notice Thrown when `minNonImmuneUids` exceeds `max` (the subnet's `maxUids`).
    error SubnetMinNonImmuneUidsTooHigh(uint256 minNonImmuneUids, uint256 max);

    /// @notice Thrown when `bondsMovingAverage` exceeds `max` (1e6 means 1).
    error SubnetBondsMovingAverageTooHigh(uint256 bondsMovingAverage, uint256 max);

    /// @notice Thrown when `activityCutoff` is below `min` blocks.
    error SubnetActivityCutoffTooShort(uint256 activityCutoff, uint256 min);

    /// @notice Thrown when `minAllowedWeights` exceeds `max` (the subnet's `maxUids`).
    error SubnetMinAllowedWeightsTooHigh(uint256 minAllowedWeights, uint256 max);

    /// @notice Thrown when `revealPeriod` is outside [`min`, `max`] epochs.
    error SubnetRevealPeriodOutOfBounds(uint256 revealPeriod, uint256 min, uint256 max);

    /// @notice Thrown when `ownerCut` exceeds `max`.
    error SubnetOwnerCutTooHigh(uint256 ownerCut, uint256 max);

    /// @notice Thrown when the registration price range is empty or zero: `minPrice` must be at least 1 and at
    /// most `maxPrice`.
    error SubnetPriceRangeInvalid(uint256 minPrice, uint256 maxPrice);

    /// @notice Thrown when `priceHalfLife` is below `min` blocks.
    error SubnetPriceHalfLifeTooShort(uint256 priceHalfLife, uint256 min);

    /// @notice Thrown when weights carry a version key below `required`: the subnet's `weightsVersionKey`, or for a
    /// reveal the one in force when its commit was made.
    error SubnetWeightsVersionTooLow(uint256 versionKey, uint256 required);

    /// @notice Thrown when liquid alpha's bounds are not `min <= alphaLow <= alphaHigh`.
    error SubnetAlphaBoundsInvalid(uint256 alphaLow, uint256 alphaHigh, uint256 min);

    /// @notice Thrown when liquid alpha's sigmoid steepness is above `max`.
    error SubnetAlphaSteepnessTooHigh(uint256 steepness, uint256 max);

    // --- errors: registration ---

    /// @notice Thrown when `hotkey` is the zero address.
    error SubnetInvalidHotkey(address hotkey);

    /// @notice Thrown when `caller` registers `hotkey` without being the hotkey or its coldkey.
    error SubnetNotHotkeyOrColdkey(address caller, address hotkey);

    /// @notice Thrown when `hotkey`, owned by `expected` on this subnet, is registered with coldkey `coldkey`.
    error SubnetColdkeyMismatch(address hotkey, address coldkey, address expected);

    /// @notice Thrown when `hotkey` already holds `uid` on subnet `netuid`.
    error SubnetAlreadyRegistered(uint256 netuid, address hotkey, uint256 uid);

    /// @notice Thrown when the registration `price` exceeds the `maxPrice` the caller accepts.
    error SubnetPriceAboveMax(uint256 price, uint256 maxPrice);

    /// @notice Thrown when subnet `netuid` is full and no UID may be pruned (all are the owner's).
    error SubnetNoUidToPrune(uint256 netuid);

    /// @notice Thrown when `hotkey` holds no UID on subnet `netuid`.
    error SubnetNotRegistered(uint256 netuid, address hotkey);

    /// @notice Thrown when `uid` is not below the subnet's `n` registered UIDs.
    error SubnetUidOutOfRange(uint256 uid, uint256 n);

    // --- errors: weights ---

    /// @notice Thrown when setting weights directly while the subnet requires commit and reveal.
    error SubnetCommitRevealEnabled(uint256 netuid);

    /// @notice Thrown when committing weights while the subnet does not use commit and reveal.
    error SubnetCommitRevealDisabled(uint256 netuid);

    /// @notice Thrown when `uid` updates weights before block `nextBlock` (the weights rate limit).
    error SubnetWeightsRateLimited(uint256 uid, uint256 nextBlock);

    /// @notice Thrown when `uid` reveals without a pending commit.
    error SubnetNoCommit(uint256 uid);

    /// @notice Thrown when `uid` reveals before its reveal epoch `revealEpoch` (now `epochNumber`).
    error SubnetRevealTooEarly(uint256 uid, uint256 epochNumber, uint256 revealEpoch);

    /// @notice Thrown when `uid` reveals after its reveal epoch `revealEpoch` (now `epochNumber`).
    error SubnetRevealExpired(uint256 uid, uint256 epochNumber, uint256 revealEpoch);

    /// @notice Thrown when the revealed weights do not hash to `uid`'s commit.
    error SubnetRevealMismatch(uint256 uid, bytes32 hash, bytes32 committed);

    /// @notice Thrown when `uids` and `weights` differ in length.
    error SubnetWeightsLengthMismatch(uint256 uids, uint256 weights);

    /// @notice Thrown when a weight names `uid`, which appears more than once.
    error SubnetWeightsDuplicateUid(uint256 uid);

    /// @notice Thrown when weights name `count` UIDs, fewer than the subnet's `min` (self-weight only excepted).
    error SubnetTooFewWeights(uint256 count, uint256 min);

    /// @notice Thrown when `uid`, without a validator permit, sets weights on other UIDs.
    error SubnetNoValidatorPermit(uint256 uid);

    // --- errors: stake and rewards ---

    /// @notice Thrown when an amount of zero is staked, unstaked or funded.
    error SubnetZeroAmount();

    /// @notice Thrown when `staker` unstakes `amount` from `hotkey` but holds only `stake`.
    error SubnetInsufficientStake(address hotkey, address staker, uint256 stake, uint256 amount);

    /// @notice Thrown when `staker` withdraws from `hotkey` while none of its unstaked stake is free to leave:
    /// `unbonding` of it (maybe 0) can leave from the start of epoch `withdrawableFrom`.
    error SubnetStakeUnbonding(address hotkey, address staker, uint256 unbonding, uint64 withdrawableFrom);

    /// @notice Thrown when a take of `take` exceeds the `max` allowed.
    error SubnetTakeTooHigh(uint256 take, uint256 max);

    /// @notice Thrown when `account`, not the coldkey of `hotkey`, changes the hotkey's take.
    error SubnetNotColdkey(address hotkey, address account);

    /// @notice Thrown when `account` has nothing to claim.
    error SubnetNothingToClaim(address account);

    /// @notice Thrown when `account` claims the rewards of `uid`, whose coldkey it is not.
    error SubnetNotUidColdkey(uint256 uid, address account);

    /// @notice Thrown when paying to the zero address.
    error SubnetInvalidRecipient(address to);

    // --- protocol ---

    /// @notice Sets the creation fee, in wei (protocol owner only).
    function setCreationFee(uint256 fee) external;

    /// @notice Sends the creation fees collected so far to the protocol owner. Anyone may call it.
    function withdrawFees() external;

    // --- subnets ---

    /// @notice Creates a subnet owned by the caller, who pays the creation fee in ETH.
    /// @return netuid The new subnet's id (1, 2, 3, ...).
    function createSubnet(SubnetParams calldata params) external payable returns (uint256 netuid);

    /// @notice Queues new hyperparameters for a subnet (owner only): they apply from the start of the epoch after
    /// the next one to start, so that the tempo it pays for is worked under them, and replace any queued before.
    /// Commits already made are revealed under the rules they were made under.
    function setHyperparameters(uint256 netuid, Hyperparameters calldata params) external;

    /// @notice Replaces a subnet's description (owner only).
    function setMetadata(uint256 netuid, bytes calldata metadataCid) external;

    /// @notice Offers a subnet to `newOwner`, who must accept (owner only; zero cancels an offer).
    function transferSubnetOwnership(uint256 netuid, address newOwner) external;

    /// @notice Accepts the subnet offered to the caller.
    function acceptSubnetOwnership(uint256 netuid) external;

    /// @notice Sets the subnet owner's hotkey, which is never pruned (owner only; zero for none).
    function setOwnerHotkey(uint256 netuid, address hotkey) external;

    // --- UIDs ---

    /// @notice Registers `hotkey` on subnet `netuid` for the current registration price, paid in the reward
    /// token by the caller into the reward pool. The caller is the hotkey, or its coldkey once the hotkey has
    /// registered on this subnet before. The first registration fixes the hotkey's `coldkey` (zero means the
    /// caller); later ones must name it again or pass zero. On a full subnet the UID to prune is replaced.
    /// @param maxPrice Highest price the caller accepts.
    /// @return uid The UID taken.
    function register(
        uint256 netuid,
        address hotkey,
        address coldkey,
        uint256 maxPrice
    ) external returns (uint256 uid);

    /// @notice Publishes a model candidate for the caller's (hotkey's) UID. On a subnet with `bondsReset`, a new model
    /// starts afresh: the bonds validators held on the UID are dropped (and the call waits for a running epoch).
    function publishCandidate(uint256 netuid, bytes calldata weightsCid, bytes calldata metadataCid) external;

    // --- weights ---

    /// @notice Commits the caller's (hotkey's) UID to weights hashed by {weightsCommitHash}, replacing any
    /// pending commit. Revealed when `epochNumber` is the commit's epoch plus the reveal period, with a version key
    /// of at least `weightsVersionKey`: both as in force now, whatever they are changed to before the reveal.
    function commitWeights(uint256 netuid, bytes32 hash) external;

    /// @notice Reveals the weights of the caller's pending commit and stores them, in the commit's reveal epoch and
    /// against the version key floor it was made under. A UID named with a zero weight stays an entry of the row.
    function revealWeights(
        uint256 netuid,
        uint16[] calldata uids,
        uint16[] calldata weights,
        bytes32 salt,
        uint64 versionKey
    ) external;

    /// @notice Sets the caller's weights directly (only when the subnet does not use commit and reveal). A UID named
    /// with a zero weight stays an entry of the row (see {weightUidsOf}).
    function setWeights(uint256 netuid, uint16[] calldata uids, uint16[] calldata weights, uint64 versionKey) external;

    // --- stake ---

    /// @notice Stakes `amount` stake tokens (pulled from the caller) on `hotkey`; it counts for stake weight and earns
    /// from the start of the epoch after the next (the first epoch whose whole tempo it is staked for).
    function stake(uint256 netuid, address hotkey, uint256 amount) external;

    /// @notice Takes `amount` of the caller's stake off `hotkey`. Pending stake (which never counted; the later-dated
    /// first) is paid back at once; then active stake unbonds: it stops counting and earning now, and can be
    /// withdrawn once the next epoch has started ({withdrawStake}). Also pays the dividends and any unbonded stake
    /// that is free to leave. Allowed while an epoch runs.
    function unstake(uint256 netuid, address hotkey, uint256 amount) external;

    /// @notice Pays the caller its unbonded stake on `hotkey` that is free to leave, and its dividends.
    /// @return amount Stake tokens paid.
    function withdrawStake(uint256 netuid, address hotkey) external returns (uint256 amount);

    /// @notice Sets the validator take of `hotkey` (its coldkey only). A decrease applies at once, an increase
    /// from the start of the epoch after the next one to start.
    function setTake(uint256 netuid, address hotkey, uint16 take) external;

    // --- rewards and epochs ---

    /// @notice Adds `amount` reward tokens (pulled from the caller; what arrives is credited) to the reward pool.
    function fund(uint256 netuid, uint256 amount) external;

    /// @notice Pays the caller's reward tokens to `to`: its claimable balance (owner cut, keeper rewards, what UIDs
    /// it lost left) and what its UIDs `uids` have yet to claim (their incentive and validator take, kept with the
    /// UIDs' epoch results; {unclaimedUids} lists them).
    /// @param uids UIDs whose coldkey is the caller (may be empty).
    /// @return amount Reward tokens paid.
    function claim(uint256 netuid, uint256[] calldata uids, address to) external returns (uint256 amount);

    /// @notice Settles the caller's stake positions on `hotkeys` and pays their dividends to `to`.
    /// @return amount Reward tokens paid.
    function claimStakeRewards(uint256 netuid, address[] calldata hotkeys, address to) external returns (uint256 amount);

    /// @notice Starts the due epoch, or performs the next step of the running one. Anyone may call it; the
    /// caller of the step that completes an epoch is credited the keeper reward.
    /// @param consensusHints Guesses of the running epoch's consensus per UID, four 64-bit I32F32 lanes a word
    /// (word `q` holds UIDs `4q` to `4q + 3` from its low end), or none. They change no result: each is checked
    /// against its column's stake as the column is clipped at it, and a wrong or missing one costs the full median
    /// selection. The SDK
    /// passes the reference epoch's consensus, which saves most of that selection after validators set new weights.
    /// @return done Whether this call completed the epoch.
    function advanceEpoch(uint256 netuid, uint256[] calldata consensusHints) external returns (bool done);

    // --- views ---

    /// @notice Hyperparameters as subtensor defaults them, with the registration price and emission in units
    /// of an 18-decimal reward token.
    function defaultHyperparameters() external pure returns (Hyperparameters memory);

    /// @notice The keccak256 hash that {commitWeights} takes for these weights.
    function weightsCommitHash(
        address hotkey,
        uint256 netuid,
        uint16[] calldata uids,
        uint16[] calldata weights,
        bytes32 salt,
        uint64 versionKey
    ) external pure returns (bytes32);

    /// @notice The creation fee, in wei.
    function creationFee() external view returns (uint256);

    /// @notice Creation fees collected and not yet withdrawn, in wei.
    function collectedFees() external view returns (uint256);

    /// @notice Subnets created so far (the last netuid).
    function subnetCount() external view returns (uint256);

    /// @notice A subnet's identity and epoch state.
    function subnet(uint256 netuid) external view returns (SubnetInfo memory);

    /// @notice The last completed epoch's leader (the UID with the highest nonzero incentive, the lower on ties; none
    /// when every incentive is zero) and how many completed epochs in a row it has led with the same candidate.
    function leaderOf(uint256 netuid) external view returns (LeaderInfo memory);

    /// @notice What the network emission checks of a subnet, in one cheap read: its reward token, its completed
    /// epochs, the block its next epoch is due, and its validator permits without the owner hotkey's UID.
    function emissionStatus(uint256 netuid)
        external
        view
        returns (address rewardToken, uint64 epochNumber, uint64 nextEpochBlock, uint256 validators);

    /// @notice A subnet's hyperparameters in force.
    function hyperparameters(uint256 netuid) external view returns (Hyperparameters memory);

    /// @notice Hyperparameters the owner queued, and the epoch (counted as epochs start) from whose start they
    /// apply; `from` is 0 when none are queued.
    function queuedHyperparameters(uint256 netuid) external view returns (Hyperparameters memory params, uint64 from);

    /// @notice The price of a registration in the current block.
    function registrationPrice(uint256 netuid) external view returns (uint256);

    /// @notice One UID's metagraph entry.
    function neuron(uint256 netuid, uint256 uid) external view returns (NeuronInfo memory);

    /// @notice UIDs `start` to `start + count - 1`, cut at `n`.
    function neurons(uint256 netuid, uint256 start, uint256 count) external view returns (NeuronInfo[] memory);

    /// @notice The UID of `hotkey`, if registered.
    function uidOf(uint256 netuid, address hotkey) external view returns (bool registered, uint16 uid);

    /// @notice The coldkey of `hotkey` on subnet `netuid` (zero if it never registered there).
    function coldkeyOf(uint256 netuid, address hotkey) external view returns (address);

    /// @notice The stake pool of `hotkey`.
    function stakeOf(uint256 netuid, address hotkey) external view returns (StakeInfo memory);

    /// @notice The position of `staker` on `hotkey`, with its unpaid dividends.
    function positionOf(uint256 netuid, address hotkey, address staker) external view returns (PositionInfo memory);

    /// @notice Reward tokens `account` may {claim}: its claimable balance and what its UIDs have yet to claim.
    function claimable(uint256 netuid, address account) external view returns (uint256);

    /// @notice The UIDs whose coldkey is `coldkey` and that hold rewards yet to claim, for {claim}.
    function unclaimedUids(uint256 netuid, address coldkey) external view returns (uint256[] memory);

    /// @notice The pending commit of `uid` (a zero hash for none).
    function commitOf(uint256 netuid, uint256 uid) external view returns (CommitInfo memory);

    /// @notice The stored weights of `uid` over UIDs `0 .. n-1`.
    function weightsOf(uint256 netuid, uint256 uid) external view returns (uint16[] memory);

    /// @notice The UIDs `uid`'s stored weights name, as a bitmap (bit `j` for UID `j`): a UID named with a zero
    /// weight is an entry of the row, unlike one not named (liquid alpha keeps the bond of the one and drops the
    /// other's).
    function weightUidsOf(uint256 netuid, uint256 uid) external view returns (uint256);

    /// @notice The bonds of validator `uid` on UIDs `0 .. n-1`, as the last epoch stored them (u16, each column
    /// scaled so that its largest bond is 65535); all zero for a UID without a validator permit.
    function bondsOf(uint256 netuid, uint256 uid) external view returns (uint16[] memory);

    /// @notice The candidate `uid` published last (empty when none).
    function candidateOf(uint256 netuid, uint256 uid) external view returns (CandidateInfo memory);
}
