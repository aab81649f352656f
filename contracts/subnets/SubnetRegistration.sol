// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ISubnets} from "../interfaces/ISubnets.sol";
import {Cid} from "../libraries/Cid.sol";
import {SubnetRewards} from "./SubnetRewards.sol";
import {Candidate, Hyperparameters, MetagraphWord, Neuron, SubnetState} from "./SubnetStorage.sol";

/// @title SubnetRegistration
/// @notice Registration (price, coldkey binding, pruning), candidates and hyperparameter bounds of the subnet
/// contract.
/// Linked (an external library, called by delegatecall, so `msg.sender` is the subnet contract's caller), which
/// keeps the subnet contract under the code size limit.
library SubnetRegistration {
    // Hyperparameter bounds (inclusive).
    uint256 internal constant MIN_TEMPO = 1;
    uint256 internal constant MAX_TEMPO = 216_000;
    uint256 internal constant MAX_UIDS = 256;
    uint256 internal constant MAX_VALIDATORS = 64;
    uint256 internal constant MAX_IMMUNITY_PERIOD = 1_000_000;
    uint256 internal constant MAX_BONDS_MOVING_AVERAGE = 1_000_000;
    uint256 internal constant MIN_ACTIVITY_CUTOFF = 1;
    uint256 internal constant MIN_REVEAL_PERIOD = 1;
    uint256 internal constant MAX_REVEAL_PERIOD = 32;
    /// 45% of every epoch's emission (29491 / 65535): with the keeper's reward (at most MAX_KEEPER_SHARE), what the
    /// owner can take of an epoch is at most half of it; the rest goes to the UIDs.
    uint256 internal constant MAX_OWNER_CUT = 29_491;
    /// 5% of every epoch's emission (3276 / 65535): the most the keeper that completes it is paid.
    uint256 internal constant MAX_KEEPER_SHARE = 3276;
    uint256 internal constant MIN_PRICE_HALF_LIFE = 1;
    /// subtensor's floor for both liquid alpha bounds: 65535 / 40.
    uint256 internal constant MIN_ALPHA = 1638;
    /// Non-negative values of subtensor's i16 steepness.
    uint256 internal constant MAX_ALPHA_SIGMOID_STEEPNESS = 32_767;

    /// Registration price growth per registration: x1.26.
    uint256 internal constant PRICE_GROWTH_NUMERATOR = 126;
    uint256 internal constant PRICE_GROWTH_DENOMINATOR = 100;

    uint256 internal constant NONE = type(uint256).max;

    /// @notice Gives `hotkey` a UID (appended, or replacing the UID to prune on a full subnet) and raises the
    /// price. The caller (of the subnet contract) collects the payment into the pool.
    /// @return uid The UID taken.
    /// @return price The price to pay.
    function register(SubnetState storage s, uint256 netuid, address hotkey, address coldkey, uint256 maxPrice)
        external
        returns (uint256 uid, uint256 price)
    {
        if (hotkey == address(0)) revert ISubnets.SubnetInvalidHotkey(hotkey);
        // Only a hotkey bound before (registered once) can hold stake: stake goes to bound hotkeys only.
        bool bound = s.coldkeys[hotkey] != address(0);
        coldkey = _coldkeyFor(s, hotkey, coldkey);
        uint256 plusOne = s.uidPlusOne[hotkey];
        if (plusOne != 0) revert ISubnets.SubnetAlreadyRegistered(netuid, hotkey, plusOne - 1);
        price = _price(s);
        if (price > maxPrice) revert ISubnets.SubnetPriceAboveMax(price, maxPrice);

        uint256 n = s.n;
        if (n < s.params.maxUids) {
            uid = n;
            // Overflow not possible: n < maxUids <= 256.
            unchecked {
                s.n = uint16(n + 1);
            }
        } else {
            uid = _uidToPrune(s, n);
            if (uid == NONE) revert ISubnets.SubnetNoUidToPrune(netuid);
            _clearUid(s, netuid, uid, n);
        }
        s.neurons[uid] = Neuron({hotkey: hotkey});
        _setRegisteredAt(s, uid, block.number);
        s.uidColdkeys[uid] = coldkey;
        s.uidPlusOne[hotkey] = uid + 1;
        if (bound && SubnetRewards.hasStake(s.pools[hotkey])) s.stakedUids |= uint256(1) << uid;
        uint256 next = (price * PRICE_GROWTH_NUMERATOR + PRICE_GROWTH_DENOMINATOR - 1) / PRICE_GROWTH_DENOMINATOR;
        uint256 ceiling = s.params.maxPrice;
        // The cast is safe: the value is at most maxPrice, a uint128.
        s.lastPrice = uint128(next < ceiling ? next : ceiling);
        s.lastPriceBlock = uint64(block.number);
        emit ISubnets.NeuronRegistered(netuid, uid, hotkey, coldkey, price);
    }

    /// @notice subtensor's default hyperparameters, with registration prices and emission in units of an
    /// 18-decimal reward token (a one-token floor, a million-token ceiling, halving daily at 12-second blocks).
    function defaults() external pure returns (Hyperparameters memory) {
        return
            Hyperparameters({
                tempo: 360,
                maxUids: 256,
                maxValidators: 64,
                immunityPeriod: 4096,
                minNonImmuneUids: 10,
                kappa: 32_767,
                bondsMovingAverage: 900_000,
                bondsPenalty: 65_535,
                activityCutoff: 5000,
                weightsRateLimit: 100,
                minAllowedWeights: 1,
                weightsVersionKey: 0,
                commitReveal: true,
                revealPeriod: 1,
                yuma3: false,
                liquidAlpha: false,
                alphaLow: 45_875,
                alphaHigh: 58_982,
                alphaSigmoidSteepness: 1000,
                bondsReset: false,
                ownerCut: 11_796,
                minPrice: 1e18,
                maxPrice: 1e24,
                priceHalfLife: 7200,
                emission: 1e18,
                keeperReward: 0
            });
    }

    /// @notice The registration price in the current block.
    function currentPrice(SubnetState storage s) external view returns (uint256) {
        return _price(s);
    }

    /// @notice Validates and stores a new subnet's hyperparameters, in force at once.
    function configure(SubnetState storage s, uint256 netuid, Hyperparameters calldata p) external {
        _validate(p, s.n);
        s.params = p;
        emit ISubnets.SubnetHyperparametersSet(netuid, p);
    }

    /// @notice Validates hyperparameters and queues them for the start of the epoch after the next, replacing any
    /// queued before: the tempo that epoch pays for begins after the announcement, so every participant works under
    /// rules known in advance (a raised owner cut never reaches work already done).
    function queue(SubnetState storage s, uint256 netuid, Hyperparameters calldata p) external {
        _validate(p, s.n);
        uint64 from = s.epochsStarted + 2;
        s.queuedParams = p;
        s.queuedParamsFrom = from;
        emit ISubnets.SubnetHyperparametersQueued(netuid, p, from);
    }

    /// @notice Puts the queued hyperparameters in force (the subnet contract calls this at the start of their epoch).
    /// `maxUids` stays at least the UIDs registered since they were queued.
    function applyQueued(SubnetState storage s, uint256 netuid) external {
        Hyperparameters memory p = s.queuedParams;
        if (p.maxUids < s.n) p.maxUids = s.n;
        s.params = p;
        delete s.queuedParams;
        s.queuedParamsFrom = 0;
        emit ISubnets.SubnetHyperparametersSet(netuid, p);
    }

    /// @notice Hyperparameters of a subnet.
    function hyperparameters(SubnetState storage s) external view returns (Hyperparameters memory) {
        return s.params;
    }

    /// @notice The queued hyperparameters and the epoch from whose start they apply (zeroes when none).
    function queuedHyperparameters(SubnetState storage s) external view returns (Hyperparameters memory, uint64) {
        return (s.queuedParams, s.queuedParamsFrom);
    }

    /// Reverts with the named error of the first hyperparameter out of its bounds; `maxUids` may not go below the
    /// `n` registered UIDs.
    function _validate(Hyperparameters calldata p, uint256 n) private pure {
        if (p.tempo < MIN_TEMPO || p.tempo > MAX_TEMPO) {
            revert ISubnets.SubnetTempoOutOfBounds(p.tempo, MIN_TEMPO, MAX_TEMPO);
        }
        uint256 minUids = n > 1 ? n : 1;
        if (p.maxUids < minUids || p.maxUids > MAX_UIDS) {
            revert ISubnets.SubnetMaxUidsOutOfBounds(p.maxUids, minUids, MAX_UIDS);
        }
        if (p.maxValidators == 0 || p.maxValidators > MAX_VALIDATORS) {
            revert ISubnets.SubnetMaxValidatorsOutOfBounds(p.maxValidators, MAX_VALIDATORS);
        }
        if (p.immunityPeriod > MAX_IMMUNITY_PERIOD) {
            revert ISubnets.SubnetImmunityPeriodTooLong(p.immunityPeriod, MAX_IMMUNITY_PERIOD);
        }
        if (p.minNonImmuneUids > p.maxUids) {
            revert ISubnets.SubnetMinNonImmuneUidsTooHigh(p.minNonImmuneUids, p.maxUids);
        }
        if (p.bondsMovingAverage > MAX_BONDS_MOVING_AVERAGE) {
            revert ISubnets.SubnetBondsMovingAverageTooHigh(p.bondsMovingAverage, MAX_BONDS_MOVING_AVERAGE);
        }
        if (p.activityCutoff < MIN_ACTIVITY_CUTOFF) {
            revert ISubnets.SubnetActivityCutoffTooShort(p.activityCutoff, MIN_ACTIVITY_CUTOFF);
        }
        if (p.minAllowedWeights > p.maxUids) {
            revert ISubnets.SubnetMinAllowedWeightsTooHigh(p.minAllowedWeights, p.maxUids);
        }
        if (p.revealPeriod < MIN_REVEAL_PERIOD || p.revealPeriod > MAX_REVEAL_PERIOD) {
            revert ISubnets.SubnetRevealPeriodOutOfBounds(p.revealPeriod, MIN_REVEAL_PERIOD, MAX_REVEAL_PERIOD);
        }
        if (p.alphaLow < MIN_ALPHA || p.alphaLow > p.alphaHigh) {
            revert ISubnets.SubnetAlphaBoundsInvalid(p.alphaLow, p.alphaHigh, MIN_ALPHA);
        }
        if (p.alphaSigmoidSteepness > MAX_ALPHA_SIGMOID_STEEPNESS) {
            revert ISubnets.SubnetAlphaSteepnessTooHigh(p.alphaSigmoidSteepness, MAX_ALPHA_SIGMOID_STEEPNESS);
        }
        if (p.ownerCut > MAX_OWNER_CUT) revert ISubnets.SubnetOwnerCutTooHigh(p.ownerCut, MAX_OWNER_CUT);
        if (p.minPrice == 0 || p.minPrice > p.maxPrice) {
            revert ISubnets.SubnetPriceRangeInvalid(p.minPrice, p.maxPrice);
        }
        if (p.priceHalfLife < MIN_PRICE_HALF_LIFE) {
            revert ISubnets.SubnetPriceHalfLifeTooShort(p.priceHalfLife, MIN_PRICE_HALF_LIFE);
        }
    }

    /// @notice Publishes the caller's (hotkey's) candidate; under `bondsReset`, drops the bonds held on its UID.
    function publishCandidate(
        SubnetState storage s,
        uint256 netuid,
        bytes calldata weightsCid,
        bytes calldata metadataCid
    ) external {
        uint256 plusOne = s.uidPlusOne[msg.sender];
        if (plusOne == 0) revert ISubnets.SubnetNotRegistered(netuid, msg.sender);
        uint256 uid = plusOne - 1;
        (bytes32 weightsDigest, uint8 weightsPrefix) = Cid.pack(weightsCid);
        (bytes32 metadataDigest, uint8 metadataPrefix) = Cid.packOptional(metadataCid);
        s.candidates[uid] = Candidate({
            weightsDigest: weightsDigest,
            metadataDigest: metadataDigest,
            weightsPrefix: weightsPrefix,
            metadataPrefix: metadataPrefix,
            publishedAt: uint64(block.number)
        });
        emit ISubnets.CandidatePublished(netuid, uid, weightsCid, metadataCid);
        if (s.params.bondsReset) {
            // The epoch reads and rewrites bonds across its steps: a reset waits for it to complete.
            if (s.epoch.phase != 0) revert ISubnets.SubnetEpochRunning(netuid);
            _resetBonds(s, netuid, uid);
        }
    }

    /// Drops the bonds every validator holds on `uid` (subtensor's `do_reset_bonds`). Only UIDs with a validator
    /// permit (the rows the last epoch wrote) hold bonds.
    function _resetBonds(SubnetState storage s, uint256 netuid, uint256 uid) private {
        uint256 rows = s.validatorPermits;
        uint256 w = uid >> 4;
        uint256 keep = ~(uint256(0xffff) << ((uid & 15) << 4));
        // Bounded: at most 256 UIDs, and only permitted ones (at most 65) touch storage.
        for (uint256 i; rows != 0; ++i) {
            if (rows & 1 != 0) {
                uint256 word = s.bonds[i][w];
                if (word & ~keep != 0) s.bonds[i][w] = word & keep;
            }
            rows >>= 1;
        }
        emit ISubnets.BondsReset(netuid, uid);
    }

    /// The coldkey of `hotkey` registering now: fixed at its first registration on the subnet, by the hotkey itself.
    function _coldkeyFor(SubnetState storage s, address hotkey, address coldkey) private returns (address) {
        address known = s.coldkeys[hotkey];
        if (known == address(0)) {
            // Only the hotkey may bind itself to a coldkey: nobody registers an address they do not control.
            if (msg.sender != hotkey) revert ISubnets.SubnetNotHotkeyOrColdkey(msg.sender, hotkey);
            if (coldkey == address(0)) coldkey = msg.sender;
            s.coldkeys[hotkey] = coldkey;
            return coldkey;
        }
        if (msg.sender != hotkey && msg.sender != known) revert ISubnets.SubnetNotHotkeyOrColdkey(msg.sender, hotkey);
        if (coldkey != address(0) && coldkey != known) revert ISubnets.SubnetColdkeyMismatch(hotkey, coldkey, known);
        return known;
    }

    /// The registration price now: the last price (raised after the last registration) halved every
    /// `priceHalfLife` blocks, linear within a half-life, then clamped to [minPrice, maxPrice]. With `h` halvings and
    /// `r` blocks into the next half-life, it is lastPrice * (2 * halfLife - r) / (2^(h+1) * halfLife), in one
    /// division rounded up (in the pool's favour).
    function _price(SubnetState storage s) private view returns (uint256 p) {
        uint256 halfLife = s.params.priceHalfLife;
        uint256 elapsed = block.number - s.lastPriceBlock;
        uint256 halvings = elapsed / halfLife;
        // From 128 halvings on, the exact price is below one unit, so the floor (at least one unit) applies.
        if (halvings < 128) {
            // Overflow not possible: lastPrice < 2^128 and 2 * halfLife < 2^33, so the numerator is below 2^161; the
            // denominator is below 2^32 * 2^128.
            uint256 numerator = uint256(s.lastPrice) * (2 * halfLife - (elapsed % halfLife));
            uint256 denominator = halfLife << (halvings + 1);
            p = (numerator + denominator - 1) / denominator;
        }
        uint256 floor = s.params.minPrice;
        uint256 ceiling = s.params.maxPrice;
        if (p < floor) p = floor;
        if (p > ceiling) p = ceiling;
    }

    /// subtensor's `get_neuron_to_prune`: never the owner's hotkey; among UIDs out of immunity the lowest emission,
    /// then the earliest registration, then the lowest UID, while more than `minNonImmuneUids` are out of
    /// immunity; else the best immune UID by the same order. Unlike subtensor, when no UID is immune the best
    /// non-immune one is taken even at or below that floor, so that a subnet with few UIDs never locks newcomers
    /// out. Returns NONE when every UID is the owner's.
    function _uidToPrune(SubnetState storage s, uint256 n) private view returns (uint256) {
        // The owner's UID, if its hotkey is registered, is never pruned; otherwise this wraps to a number no UID has.
        uint256 ownerUid;
        unchecked {
            ownerUid = s.uidPlusOne[s.ownerHotkey] - 1;
        }
        uint256 immunity = s.params.immunityPeriod;
        uint256 free;
        uint256 bestFree = NONE;
        uint256 bestImmune = NONE;
        uint256[64] storage lanes = s.epoch.registeredAt;
        for (uint256 uid; uid < n; ++uid) {
            if (uid == ownerUid) continue;
            uint256 registeredAt = uint64(lanes[uid >> 2] >> (64 * (uid & 3)));
            // One key orders by emission (160 bits), then registration block (64), then UID (below 2^32).
            uint256 key = (MetagraphWord.emission(s.metagraph[uid]) << 96) | (registeredAt << 32) | uid;
            if (block.number < registeredAt + immunity) {
                if (key < bestImmune) bestImmune = key;
            } else {
                ++free;
                if (key < bestFree) bestFree = key;
            }
        }
        uint256 best = (free > s.params.minNonImmuneUids || bestImmune == NONE) ? bestFree : bestImmune;
        return best == NONE ? NONE : uint16(best);
    }

    /// Records `uid`'s registration block where the epoch reads it, four UIDs to a word (see `EpochScratch`).
    function _setRegisteredAt(SubnetState storage s, uint256 uid, uint256 blockNumber) private {
        uint256 shift = 64 * (uid & 3);
        uint256[64] storage lanes = s.epoch.registeredAt;
        lanes[uid >> 2] = (lanes[uid >> 2] & ~(uint256(type(uint64).max) << shift)) | (blockNumber << shift);
        // The word-column's latest registration: this one, as blocks only grow.
        uint256 w = uid >> 4;
        shift = 64 * (w & 3);
        uint256[4] storage latest = s.epoch.registeredLatest;
        latest[w >> 2] = (latest[w >> 2] & ~(uint256(type(uint64).max) << shift)) | (blockNumber << shift);
    }

    /// Clears a UID for its new hotkey: weights, bonds, commit, candidate, metagraph entry, last update, permit.
    function _clearUid(SubnetState storage s, uint256 netuid, uint256 uid, uint256 n) private {
        address old = s.neurons[uid].hotkey;
        delete s.uidPlusOne[old];
        uint256 words = (n + 15) >> 4;
        uint256[16] storage weightsRow = s.weights[uid];
        uint256[16] storage bondsRow = s.bonds[uid];
        for (uint256 w; w < words; ++w) {
            if (weightsRow[w] != 0) weightsRow[w] = 0;
            if (bondsRow[w] != 0) bondsRow[w] = 0;
        }
        delete s.weightSums[uid];
        delete s.commits[uid];
        delete s.candidates[uid];
        // What the UID's coldkey had yet to claim stays its own: moved to its claimable balance.
        uint256 unclaimed = MetagraphWord.unclaimed(s.metagraph[uid]);
        if (unclaimed != 0) s.claimable[s.uidColdkeys[uid]] += unclaimed;
        s.metagraph[uid] = 0;
        s.lastUpdate[uid] = 0;
        s.validatorPermits &= ~(uint256(1) << uid);
        uint256 staked = s.stakedUids;
        if (staked & (uint256(1) << uid) != 0) s.stakedUids = staked & ~(uint256(1) << uid);
        emit ISubnets.NeuronPruned(netuid, uid, old);
    }
}
