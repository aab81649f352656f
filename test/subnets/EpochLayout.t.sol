// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";

import {YumaEpoch} from "../../contracts/subnets/YumaEpoch.sol";
import {EpochMath, MedianInputs} from "../../contracts/subnets/epoch/EpochMath.sol";

/// @notice The memory layouts the epoch's assembly reads and writes at named offsets ({YumaEpoch-BondParams},
/// {YumaEpoch-BondRecord}, {MedianInputs}), field by field: a field written by its name is found at its named offset
/// and in no other word of the struct, a word written at a named offset is read back by the field's name and by no
/// other, and each struct is as long as its drawn layout. A field added, moved or removed fails here instead of
/// shifting what the assembly reads.
contract EpochLayoutTest is Test {
    uint256 private constant BOND_PARAMS_FIELDS = 17;
    uint256 private constant BOND_RECORD_FIELDS = 8;
    uint256 private constant MEDIAN_FIELDS = 5;

    /// A value no field holds by chance, different for each field (a bool field takes 1).
    function _mark(uint256 field) private pure returns (uint256) {
        return 0xfeed0000 + field;
    }

    function _freePointer() private pure returns (uint256 pointer) {
        assembly ("memory-safe") {
            pointer := mload(0x40)
        }
    }

    function _wordAt(uint256 base, uint256 offset) private pure returns (uint256 word) {
        assembly ("memory-safe") {
            word := mload(add(base, offset))
        }
    }

    function _storeAt(uint256 base, uint256 offset, uint256 word) private pure {
        assembly ("memory-safe") {
            mstore(add(base, offset), word)
        }
    }

    /// Every word of the `size` bytes at `base` is zero except the one at `offset`, which holds `mark`.
    function _assertOnlyWord(uint256 base, uint256 size, uint256 offset, uint256 mark, string memory field)
        private
        pure
    {
        for (uint256 at; at < size; at += 32) {
            assertEq(_wordAt(base, at), at == offset ? mark : 0, string.concat(field, ": word at another offset"));
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // BondParams
    // -----------------------------------------------------------------------------------------------------------

    function _bondParamsOffsets() private pure returns (uint256[BOND_PARAMS_FIELDS] memory) {
        return [
            YumaEpoch.BP_PENALTY,
            YumaEpoch.BP_ALPHA,
            YumaEpoch.BP_ONE_MINUS_ALPHA,
            YumaEpoch.BP_LAST_TEMPO,
            YumaEpoch.BP_NEW_PERMITS,
            YumaEpoch.BP_SHIFT,
            YumaEpoch.BP_CONSENSUS,
            YumaEpoch.BP_INCENTIVE,
            YumaEpoch.BP_BOND_SUM,
            YumaEpoch.BP_EVEN_SUMS,
            YumaEpoch.BP_ODD_SUMS,
            YumaEpoch.BP_YUMA3,
            YumaEpoch.BP_RANK,
            YumaEpoch.BP_LIQUID,
            YumaEpoch.BP_ALPHA_LOW,
            YumaEpoch.BP_ALPHA_HIGH,
            YumaEpoch.BP_SLOPE
        ];
    }

    function _bondParamsName(uint256 field) private pure returns (string memory) {
        return [
            "penalty",
            "alpha",
            "oneMinusAlpha",
            "lastTempo",
            "newPermits",
            "shift",
            "consensus",
            "incentive",
            "bondSum",
            "evenSums",
            "oddSums",
            "yuma3",
            "rank",
            "liquid",
            "alphaLow",
            "alphaHigh",
            "slope"
        ][field];
    }

    function _bondParamsBool(uint256 field) private pure returns (bool) {
        return field == 11 || field == 13;
    }

    /// Writes field `field` of `p` by its name.
    function _setBondParam(YumaEpoch.BondParams memory p, uint256 field, uint256 v) private pure {
        if (field == 0) p.penalty = v;
        else if (field == 1) p.alpha = v;
        else if (field == 2) p.oneMinusAlpha = v;
        else if (field == 3) p.lastTempo = v;
        else if (field == 4) p.newPermits = v;
        else if (field == 5) p.shift = v;
        else if (field == 6) p.consensus = v;
        else if (field == 7) p.incentive = v;
        else if (field == 8) p.bondSum = v;
        else if (field == 9) p.evenSums = v;
        else if (field == 10) p.oddSums = v;
        else if (field == 11) p.yuma3 = v != 0;
        else if (field == 12) p.rank = v;
        else if (field == 13) p.liquid = v != 0;
        else if (field == 14) p.alphaLow = v;
        else if (field == 15) p.alphaHigh = v;
        else p.slope = v;
    }

    /// Reads field `field` of `p` by its name.
    function _bondParam(YumaEpoch.BondParams memory p, uint256 field) private pure returns (uint256) {
        if (field == 0) return p.penalty;
        if (field == 1) return p.alpha;
        if (field == 2) return p.oneMinusAlpha;
        if (field == 3) return p.lastTempo;
        if (field == 4) return p.newPermits;
        if (field == 5) return p.shift;
        if (field == 6) return p.consensus;
        if (field == 7) return p.incentive;
        if (field == 8) return p.bondSum;
        if (field == 9) return p.evenSums;
        if (field == 10) return p.oddSums;
        if (field == 11) return p.yuma3 ? 1 : 0;
        if (field == 12) return p.rank;
        if (field == 13) return p.liquid ? 1 : 0;
        if (field == 14) return p.alphaLow;
        if (field == 15) return p.alphaHigh;
        return p.slope;
    }

    function _address(YumaEpoch.BondParams memory p) private pure returns (uint256 base) {
        assembly ("memory-safe") {
            base := p
        }
    }

    function test_bondParams_eachFieldWrittenByNameIsAtItsOffset() public pure {
        uint256[BOND_PARAMS_FIELDS] memory offsets = _bondParamsOffsets();
        for (uint256 field; field < BOND_PARAMS_FIELDS; ++field) {
            YumaEpoch.BondParams memory p;
            uint256 mark = _bondParamsBool(field) ? 1 : _mark(field);
            _setBondParam(p, field, mark);
            _assertOnlyWord(_address(p), YumaEpoch.BP_SIZE, offsets[field], mark, _bondParamsName(field));
        }
    }

    function test_bondParams_eachOffsetWrittenIsReadByItsFieldsName() public pure {
        uint256[BOND_PARAMS_FIELDS] memory offsets = _bondParamsOffsets();
        for (uint256 field; field < BOND_PARAMS_FIELDS; ++field) {
            YumaEpoch.BondParams memory p;
            uint256 mark = _bondParamsBool(field) ? 1 : _mark(field);
            _storeAt(_address(p), offsets[field], mark);
            for (uint256 other; other < BOND_PARAMS_FIELDS; ++other) {
                assertEq(_bondParam(p, other), other == field ? mark : 0, _bondParamsName(other));
            }
        }
    }

    function test_bondParams_sizeIsTheLayouts() public pure {
        uint256 before = _freePointer();
        YumaEpoch.BondParams memory p;
        // Read before any other allocation (an assertion's message is one).
        uint256 size = _freePointer() - before;
        assertEq(_address(p), before, "allocated at the free pointer");
        assertEq(size, YumaEpoch.BP_SIZE, "BP_SIZE");
        assertEq(YumaEpoch.BP_SIZE, 32 * BOND_PARAMS_FIELDS, "a word a field");
    }

    /// The sweeps read the penalty at the struct's address itself (`mload(p)`), without an offset.
    function test_bondParams_penaltyIsAtTheStructsAddress() public pure {
        assertEq(YumaEpoch.BP_PENALTY, 0, "BP_PENALTY");
    }

    // -----------------------------------------------------------------------------------------------------------
    // BondRecord
    // -----------------------------------------------------------------------------------------------------------

    function _bondRecordOffsets() private pure returns (uint256[BOND_RECORD_FIELDS] memory) {
        return [
            YumaEpoch.REC_WEIGHTS,
            YumaEpoch.REC_BONDS,
            YumaEpoch.REC_WEIGHT_SUM,
            YumaEpoch.REC_STAKE,
            YumaEpoch.REC_DIVIDENDS,
            YumaEpoch.REC_NEW_BONDS,
            YumaEpoch.REC_CELL,
            YumaEpoch.REC_STORED_BONDS
        ];
    }

    function _bondRecordName(uint256 field) private pure returns (string memory) {
        return ["weights", "bonds", "weightSum", "stake", "dividends", "newBonds", "cell", "storedBonds"][field];
    }

    /// Writes field `field` of `r` by its name.
    function _setBondRecord(YumaEpoch.BondRecord memory r, uint256 field, uint256 v) private pure {
        if (field == 0) r.weights = v;
        else if (field == 1) r.bonds = v;
        else if (field == 2) r.weightSum = v;
        else if (field == 3) r.stake = v;
        else if (field == 4) r.dividends = v;
        else if (field == 5) r.newBonds = v;
        else if (field == 6) r.cell = v;
        else r.storedBonds = v;
    }

    /// Reads field `field` of `r` by its name.
    function _bondRecord(YumaEpoch.BondRecord memory r, uint256 field) private pure returns (uint256) {
        if (field == 0) return r.weights;
        if (field == 1) return r.bonds;
        if (field == 2) return r.weightSum;
        if (field == 3) return r.stake;
        if (field == 4) return r.dividends;
        if (field == 5) return r.newBonds;
        if (field == 6) return r.cell;
        return r.storedBonds;
    }

    function _address(YumaEpoch.BondRecord memory r) private pure returns (uint256 base) {
        assembly ("memory-safe") {
            base := r
        }
    }

    function test_bondRecord_eachFieldWrittenByNameIsAtItsOffset() public pure {
        uint256[BOND_RECORD_FIELDS] memory offsets = _bondRecordOffsets();
        for (uint256 field; field < BOND_RECORD_FIELDS; ++field) {
            YumaEpoch.BondRecord memory r;
            _setBondRecord(r, field, _mark(field));
            _assertOnlyWord(_address(r), YumaEpoch.RECORD, offsets[field], _mark(field), _bondRecordName(field));
        }
    }

    function test_bondRecord_eachOffsetWrittenIsReadByItsFieldsName() public pure {
        uint256[BOND_RECORD_FIELDS] memory offsets = _bondRecordOffsets();
        for (uint256 field; field < BOND_RECORD_FIELDS; ++field) {
            YumaEpoch.BondRecord memory r;
            _storeAt(_address(r), offsets[field], _mark(field));
            for (uint256 other; other < BOND_RECORD_FIELDS; ++other) {
                assertEq(_bondRecord(r, other), other == field ? _mark(field) : 0, _bondRecordName(other));
            }
        }
    }

    function test_bondRecord_sizeIsTheLayouts() public pure {
        uint256 before = _freePointer();
        YumaEpoch.BondRecord memory r;
        // Read before any other allocation (an assertion's message is one).
        uint256 size = _freePointer() - before;
        assertEq(_address(r), before, "allocated at the free pointer");
        assertEq(size, YumaEpoch.RECORD, "RECORD");
        assertEq(YumaEpoch.RECORD, 32 * BOND_RECORD_FIELDS, "a word a field");
        // A turn of the sweeps takes two records.
        assertEq(YumaEpoch.RECORD_PAIR, 2 * YumaEpoch.RECORD, "RECORD_PAIR");
    }

    /// The sweeps reach the second record of a turn at NEXT_*: the field's offset in the record after this one.
    function test_bondRecord_nextOffsetsAreOneRecordOn() public pure {
        uint256[BOND_RECORD_FIELDS] memory offsets = _bondRecordOffsets();
        uint256[7] memory next = [
            YumaEpoch.NEXT_WEIGHTS,
            YumaEpoch.NEXT_BONDS,
            YumaEpoch.NEXT_WEIGHT_SUM,
            YumaEpoch.NEXT_STAKE,
            YumaEpoch.NEXT_DIVIDENDS,
            YumaEpoch.NEXT_NEW_BONDS,
            YumaEpoch.NEXT_CELL
        ];
        for (uint256 field; field < next.length; ++field) {
            assertEq(next[field], YumaEpoch.RECORD + offsets[field], _bondRecordName(field));
        }
    }

    /// The sweeps read a record's weights at its address (`mload(r)`), and the end of the bonds pass reads its
    /// dividends as its word 4 (`rec[(RECORD >> 5) * k + 4]`).
    function test_bondRecord_offsetsWrittenAsNumbers() public pure {
        assertEq(YumaEpoch.REC_WEIGHTS, 0, "REC_WEIGHTS");
        assertEq(YumaEpoch.REC_DIVIDENDS, 4 * 32, "REC_DIVIDENDS");
    }

    // -----------------------------------------------------------------------------------------------------------
    // MedianInputs
    // -----------------------------------------------------------------------------------------------------------

    function _medianOffsets() private pure returns (uint256[MEDIAN_FIELDS] memory) {
        return [
            EpochMath.MEDIAN_STAKE,
            EpochMath.MEDIAN_MEMBERS,
            EpochMath.MEDIAN_BUFFERS,
            EpochMath.MEDIAN_MINORITY,
            EpochMath.MEDIAN_STAKE_SUM
        ];
    }

    function _medianName(uint256 field) private pure returns (string memory) {
        return ["stake", "members", "buffers", "minority", "stakeSum"][field];
    }

    function _array(uint256 pointer) private pure returns (uint256[] memory a) {
        // Only compared, never read through.
        assembly ("memory-safe") {
            a := pointer
        }
    }

    function _pointer(uint256[] memory a) private pure returns (uint256 pointer) {
        assembly ("memory-safe") {
            pointer := a
        }
    }

    /// Writes field `field` of `m` by its name (an array field takes `v` as its pointer).
    function _setMedian(MedianInputs memory m, uint256 field, uint256 v) private pure {
        if (field == 0) m.stake = _array(v);
        else if (field == 1) m.members = _array(v);
        else if (field == 2) m.buffers = _array(v);
        else if (field == 3) m.minority = int256(v);
        else m.stakeSum = int256(v);
    }

    /// Reads field `field` of `m` by its name.
    function _median(MedianInputs memory m, uint256 field) private pure returns (uint256) {
        if (field == 0) return _pointer(m.stake);
        if (field == 1) return _pointer(m.members);
        if (field == 2) return _pointer(m.buffers);
        if (field == 3) return uint256(m.minority);
        return uint256(m.stakeSum);
    }

    /// A fresh struct with every field zero (a memory struct's arrays start as the empty array at 0x60).
    function _zeroMedian() private pure returns (MedianInputs memory m, uint256 base) {
        for (uint256 field; field < MEDIAN_FIELDS; ++field) _setMedian(m, field, 0);
        assembly ("memory-safe") {
            base := m
        }
    }

    function test_medianInputs_eachFieldWrittenByNameIsAtItsOffset() public pure {
        uint256[MEDIAN_FIELDS] memory offsets = _medianOffsets();
        for (uint256 field; field < MEDIAN_FIELDS; ++field) {
            (MedianInputs memory m, uint256 base) = _zeroMedian();
            _setMedian(m, field, _mark(field));
            _assertOnlyWord(base, EpochMath.MEDIAN_SIZE, offsets[field], _mark(field), _medianName(field));
        }
    }

    function test_medianInputs_eachOffsetWrittenIsReadByItsFieldsName() public pure {
        uint256[MEDIAN_FIELDS] memory offsets = _medianOffsets();
        for (uint256 field; field < MEDIAN_FIELDS; ++field) {
            (MedianInputs memory m, uint256 base) = _zeroMedian();
            _storeAt(base, offsets[field], _mark(field));
            for (uint256 other; other < MEDIAN_FIELDS; ++other) {
                assertEq(_median(m, other), other == field ? _mark(field) : 0, _medianName(other));
            }
        }
    }

    function test_medianInputs_sizeIsTheLayouts() public pure {
        uint256 before = _freePointer();
        (, uint256 base) = _zeroMedian();
        // Read before any other allocation (an assertion's message is one).
        uint256 size = _freePointer() - before;
        assertEq(base, before, "allocated at the free pointer");
        assertEq(size, EpochMath.MEDIAN_SIZE, "MEDIAN_SIZE");
        assertEq(EpochMath.MEDIAN_SIZE, 32 * MEDIAN_FIELDS, "a word a field");
    }

    /// The median reads the stake at the struct's address itself (`mload(m)`), without an offset.
    function test_medianInputs_stakeIsAtTheStructsAddress() public pure {
        assertEq(EpochMath.MEDIAN_STAKE, 0, "MEDIAN_STAKE");
    }
}
