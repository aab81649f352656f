// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ModelId} from "../types/ModelId.sol";
import {EpochScratch} from "./EpochScratch.sol";
import {StakePool, StakePosition} from "./SubnetRewards.sol";

/// @notice A subnet's tunable parameters, named after subtensor's hyperparameters. Durations are in blocks.
/// Proportions written as u16 are fractions of 65535, as subtensor stores them.
struct Hyperparameters {
    /// Blocks between epochs (subtensor default 360).
    uint32 tempo;
    /// Most UIDs the subnet holds, at most 256.
    uint16 maxUids;
    /// Most validator permits, at most 64.
    uint16 maxValidators;
    /// Blocks after registration during which a UID is not pruned (subtensor default 4096).
    uint32 immunityPeriod;
    /// Pruning prefers non-immune UIDs while more than this many are non-immune (subtensor default 10).
    uint16 minNonImmuneUids;
    /// Consensus majority as a u16 proportion (default 32767, about one half).
    uint16 kappa;
    /// Bonds moving average, scaled by 1e6 (default 900000).
    uint32 bondsMovingAverage;
    /// Bonds penalty as a u16 proportion (default 65535: bonds follow clipped weights).
    uint16 bondsPenalty;
    /// Blocks after its last weights update after which a validator is inactive (default 5000).
    uint32 activityCutoff;
    /// Blocks a validator waits between two weight updates (default 100).
    uint32 weightsRateLimit;
    /// Fewest UIDs a validator's weights name, self-weight excepted (default 1).
    uint16 minAllowedWeights;
    /// Lowest version key weights are accepted with, 0 for any (subtensor's WeightsVersionKey; default 0): raised
    /// by the owner to retire validators running outdated scoring code. A pending commit is held to the key in force
    /// when it was made.
    uint64 weightsVersionKey;
    /// Whether weights go through commit and reveal (default on).
    bool commitReveal;
    /// Epochs after its commit's epoch in which a commit is revealed (default 1); a commit keeps the period in force
    /// when it was made.
    uint8 revealPeriod;
    /// Whether bonds follow Yuma3 instead of the classic moving average (default off).
    bool yuma3;
    /// Whether Yuma3 bonds move by liquid alpha, each by its own alpha in [alphaLow, alphaHigh] (default off).
    bool liquidAlpha;
    /// Liquid alpha's bounds as u16 proportions, each at least 1638 (defaults 45875 and 58982: 0.7 and 0.9).
    uint16 alphaLow;
    uint16 alphaHigh;
    /// Steepness of liquid alpha's sigmoid, at most 32767 (default 1000).
    uint16 alphaSigmoidSteepness;
    /// Whether a candidate published at a UID drops the bonds validators hold on it (default off).
    bool bondsReset;
    /// Share of each epoch's emission paid to the subnet owner, as a u16 proportion (default 11796, 18%; at most 45%).
    uint16 ownerCut;
    /// Registration price floor, in reward token units.
    uint128 minPrice;
    /// Registration price ceiling, in reward token units.
    uint128 maxPrice;
    /// Blocks in which the registration price halves while nobody registers.
    uint32 priceHalfLife;
    /// Reward tokens distributed per epoch (taken from the reward pool; less when the pool holds less).
    uint128 emission;
    /// Reward tokens paid to the account that completes an epoch, out of the epoch's emission and at most 5% of it
    /// (0 for none).
    uint128 keeperReward;
}

/// @notice One UID: its hotkey and the block in which the hotkey took it.
struct Neuron {
    address hotkey;
}

/// @notice A validator's pending weight commit, with the rules it was made under: a later change of the reveal
/// period or of the weights version key neither voids nor moves it.
struct WeightCommit {
    bytes32 hash;
    /// Completed epochs when the commit was made.
    uint64 epoch;
    /// Block of the commit (the UID-sniping mask compares it with registration blocks).
    uint64 blockNumber;
    /// The only value of `epochNumber` in which the commit is revealed: `epoch` plus the reveal period in force
    /// when it was made.
    uint64 revealEpoch;
    /// The subnet's `weightsVersionKey` when the commit was made: the lowest version key its reveal may carry.
    uint64 versionKeyFloor;
}

/// @notice A model candidate published by a UID: two CIDs stored as digest plus packed prefix (see {Cid}).
struct Candidate {
    bytes32 weightsDigest;
    bytes32 metadataDigest;
    uint8 weightsPrefix;
    uint8 metadataPrefix;
    uint64 publishedAt;
}

/// @notice All state of one subnet. The main contract and the epoch library share it through a storage pointer.
struct SubnetState {
    // --- identity ---
    address owner;
    address pendingOwner;
    IERC20 stakeToken;
    IERC20 rewardToken;
    /// Stake token units per unit of stake weight (10^(decimals - 9), at least 1), so that stake weights fit in
    /// subtensor's u64 "rao" range.
    uint256 stakeScale;
    /// Hotkey of the subnet owner: when registered, its UID is immune, keeps a permit and may weigh itself.
    address ownerHotkey;
    Hyperparameters params;
    // --- UIDs ---
    /// Registered UIDs: `0 .. n-1`.
    uint16 n;
    /// Last registration price paid and its block, from which the current price decays.
    uint128 lastPrice;
    uint64 lastPriceBlock;
    Neuron[256] neurons;
    /// Block in which each UID last set (or revealed) weights.
    uint64[256] lastUpdate;
    /// UID + 1 of a registered hotkey, 0 when not registered.
    mapping(address hotkey => uint256) uidPlusOne;
    // --- weights and bonds: per UID row, 16 u16 values per word; column j in word j >> 4 at bit 16 * (j & 15) ---
    uint256[16][256] weights;
    uint256[16][256] bonds;
    mapping(uint256 uid => WeightCommit) commits;
    /// Bit `uid` set when the UID holds a validator permit (as computed by the last epoch).
    uint256 validatorPermits;
    // --- results of the last epoch, one word per UID; see {MetagraphWord} ---
    uint256[256] metagraph;
    // --- epochs ---
    /// Completed epochs.
    uint64 epochNumber;
    /// Block in which the last epoch started (subtensor's last mechanism step block); 0 before the first.
    uint64 lastEpochBlock;
    /// Emission (after the owner's cut) of the running epoch; the epoch library returns what it paid of it.
    uint256 epochEmission;
    EpochScratch epoch;
    // --- rewards and stake ---
    /// Reward tokens available for future epochs.
    uint256 rewardPool;
    mapping(address hotkey => StakePool) pools;
    mapping(address hotkey => mapping(address staker => StakePosition)) positions;
    mapping(address account => uint256) claimable;
    // --- added with the subnet contract ---
    /// Epochs started so far (`epochNumber`, plus one while an epoch runs): stake and take changes are dated in it.
    uint64 epochsStarted;
    /// Block in which the running epoch started.
    uint64 runningEpochBlock;
    /// Block of the subnet's creation (the first epoch is due one tempo later).
    uint64 createdAt;
    /// Packed prefix of the metadata CID (see {Cid}).
    uint8 metadataPrefix;
    bytes32 metadataDigest;
    /// The model the subnet improves (recorded only).
    ModelId model;
    /// Coldkey of each hotkey that ever registered on the subnet, fixed by its first registration.
    mapping(address hotkey => address) coldkeys;
    /// The candidate each UID published last, cleared when the UID is replaced.
    mapping(uint256 uid => Candidate) candidates;
    /// Sum of each UID's stored u16 weights and its weight on itself, kept with them so that the epoch need not read
    /// whole rows to normalise them, nor the row's own word to drop its self-weight; see {WeightSums}.
    mapping(uint256 uid => uint256) weightSums;
    /// Bit `uid` set when the UID's hotkey may hold stake: set by a stake on a registered hotkey and by the
    /// registration of a hotkey that holds stake, cleared when the UID is replaced. A clear bit means no stake, so
    /// that the epoch reads the stake pools of these UIDs only.
    uint256 stakedUids;
    /// By UID: the coldkey of its hotkey, copied by registration: the account that claims the UID's unclaimed
    /// rewards (see {MetagraphWord}), found with one read.
    address[256] uidColdkeys;
    /// Hyperparameters the owner set, applied when epoch `queuedParamsFrom` starts (counted as epochs start; 0 when
    /// none are queued): a change is announced at least a whole tempo before the epoch it first applies to.
    Hyperparameters queuedParams;
    uint64 queuedParamsFrom;
    /// The running epoch's keeper reward (set aside from its emission at the start), paid to whoever completes it.
    uint128 epochKeeperReward;
    /// By UID: bit `j` set when the UID's stored weights name UID `j` with a zero weight (subtensor keeps such an
    /// entry, and liquid alpha keeps the bond of a column named with zero while it drops the bond of a column not
    /// named). Written only for rows that name a zero, and read only while the row's {WeightSums} says it does, so
    /// that a row rewritten without zeros (or a UID replaced) needs no write here.
    mapping(uint256 uid => uint256) weightZeros;
    /// The last completed epoch's leader: UID + 1 of the highest nonzero incentive (the lower UID on ties), or 0.
    uint16 leaderPlusOne;
    /// Completed epochs in a row the leader has led with the same candidate (its `publishedAt` below).
    uint64 leaderStreak;
    /// `publishedAt` of the leader's candidate when its streak began.
    uint64 leaderCandidateAt;
}

/// @title WeightSums
/// @notice Bit layout of a UID's `weightSums` word, written with its weights:
///
///   [0..23]     sum      (of the row's stored u16 weights: at most 256 * 65535 < 2^24)
///   [24..28]    zero
///   [29]        zeros    (set when the row names some UID with a zero weight: its `weightZeros` are current)
///   [30..127]   zero
///   [128..143]  self     (the row's weight on its own UID)
///
/// The flag sits in the sum's field, above any sum: the epoch subtracts masked weights from the field as it is and
/// so carries the flag, at no cost, into the row vectors it keeps (see `EpochScratch.rowInputs`).
library WeightSums {
    uint256 internal constant SUM_MASK = (1 << 24) - 1;
    uint256 internal constant ZEROS_FLAG = 1 << 29;
    uint256 internal constant SELF_SHIFT = 128;

    function pack(uint256 sum, uint256 self, bool zeros) internal pure returns (uint256) {
        return (self << SELF_SHIFT) | sum | (zeros ? ZEROS_FLAG : 0);
    }

    function hasZeros(uint256 word) internal pure returns (bool) {
        return word & ZEROS_FLAG != 0;
    }
}

/// @title MetagraphWord
/// @notice Bit layout of one UID's epoch results, as `btcli subnet metagraph` shows them, and of what the UID's
/// coldkey has yet to claim:
///
///   [0..15]    consensus        (u16 proportion)
///   [16..31]   incentive        (u16 proportion; subtensor's rank is the same value)
///   [32..47]   dividends        (u16 proportion)
///   [48..63]   validator trust  (u16 proportion)
///   [64..79]   trust            (u16 proportion)
///   [80..175]  emission         (reward token units paid to the UID by the epoch, saturating at 2^96 - 1)
///   [176..255] unclaimed        (reward token units credited to the UID's coldkey and not yet claimed)
///
/// The epoch writes every UID's word anyway, so the coldkey's share of its emission (incentive, and a validator's
/// take) accrues here rather than in a claimable balance of its own: no further slot per UID and epoch. A credit
/// that would overflow the field moves the whole amount to the coldkey's claimable balance instead.
library MetagraphWord {
    uint256 internal constant CONSENSUS_SHIFT = 0;
    uint256 internal constant INCENTIVE_SHIFT = 16;
    uint256 internal constant DIVIDENDS_SHIFT = 32;
    uint256 internal constant VALIDATOR_TRUST_SHIFT = 48;
    uint256 internal constant TRUST_SHIFT = 64;
    uint256 internal constant EMISSION_SHIFT = 80;
    uint256 internal constant EMISSION_MAX = (1 << 96) - 1;
    uint256 internal constant UNCLAIMED_SHIFT = 176;
    uint256 internal constant UNCLAIMED_MAX = (1 << 80) - 1;

    function emission(uint256 word) internal pure returns (uint256) {
        return (word >> EMISSION_SHIFT) & EMISSION_MAX;
    }

    function unclaimed(uint256 word) internal pure returns (uint256) {
        return word >> UNCLAIMED_SHIFT;
    }

    function field(uint256 word, uint256 shift) internal pure returns (uint16) {
        return uint16(word >> shift);
    }
}
