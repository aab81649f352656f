// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";

import {ICidErrors} from "../../contracts/interfaces/ICidErrors.sol";
import {Cid} from "../../contracts/libraries/Cid.sol";

/// @notice Exposes the internal {Cid} functions with calldata arguments, as the registry calls them.
contract CidHarness {
    function pack(bytes calldata cid) external pure returns (bytes32 digest, uint8 prefix) {
        return Cid.pack(cid);
    }

    function packOptional(bytes calldata cid) external pure returns (bytes32 digest, uint8 prefix) {
        return Cid.packOptional(cid);
    }

    function unpack(bytes32 digest, uint8 prefix) external pure returns (bytes memory) {
        return Cid.unpack(digest, prefix);
    }

    function toBase32(bytes32 digest, uint8 prefix) external pure returns (string memory) {
        return Cid.toBase32(digest, prefix);
    }

    /// @dev What the registry stores and gives back: the CID packed, then rebuilt.
    function roundTrip(bytes calldata cid) external pure returns (bytes memory) {
        (bytes32 digest, uint8 prefix) = Cid.pack(cid);
        return Cid.unpack(digest, prefix);
    }
}

contract CidTest is Test {
    CidHarness internal cid;

    uint256 internal constant FORMS = 21; // CIDv0, then CIDv1 for 4 codecs x 5 hash functions

    bytes32 internal constant DIGEST = 0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f;

    function setUp() public {
        cid = new CidHarness();
    }

    // ============================================================ reference encoding, independent of Cid

    function _codec(uint256 i) internal pure returns (uint256) {
        return [uint256(0x55), 0x70, 0x71, 0x0129][i];
    }

    function _hash(uint256 i) internal pure returns (uint256) {
        return [uint256(0x12), 0x16, 0x1b, 0x1e, 0xb220][i];
    }

    /// @dev Unsigned LEB128, the multiformats varint.
    function _varint(uint256 value) internal pure returns (bytes memory out) {
        while (value >= 0x80) {
            out = bytes.concat(out, bytes1(uint8(value & 0x7f) | 0x80));
            value >>= 7;
        }
        out = bytes.concat(out, bytes1(uint8(value)));
    }

    /// @dev The header of accepted form `form`: 0 is CIDv0, 1 + 5 * codec index + hash index is CIDv1.
    function _header(uint256 form) internal pure returns (bytes memory) {
        if (form == 0) return hex"1220";
        uint256 i = form - 1;
        return bytes.concat(hex"01", _varint(_codec(i / 5)), _varint(_hash(i % 5)), hex"20");
    }

    function _cid(uint256 form, bytes32 digest) internal pure returns (bytes memory) {
        return bytes.concat(_header(form), digest);
    }

    /// @dev The CIDv1 a gateway would print for form `form`: CIDv0 becomes CIDv1 dag-pb.
    function _v1Bytes(uint256 form, bytes32 digest) internal pure returns (bytes memory) {
        if (form == 0) return bytes.concat(hex"0170", _cid(0, digest));
        return _cid(form, digest);
    }

    /// @dev Whether `data` is, byte for byte, one of the accepted forms with some digest.
    function _isAcceptedForm(bytes memory data) internal pure returns (bool) {
        for (uint256 form; form < FORMS; ++form) {
            bytes memory header = _header(form);
            if (data.length != header.length + 32) continue;
            bool same = true;
            for (uint256 j; j < header.length; ++j) {
                if (data[j] != header[j]) {
                    same = false;
                    break;
                }
            }
            if (same) return true;
        }
        return false;
    }

    /// @dev Whether `err` is exactly the encoding of one of the {ICidErrors} errors.
    function _isCidError(bytes memory err) internal pure returns (bool) {
        if (err.length < 4) return false;
        bytes4 selector = bytes4(err);
        if (selector == ICidErrors.CidEmpty.selector) return err.length == 4;
        return err.length == 36
            && (selector == ICidErrors.CidInvalidLength.selector
                || selector == ICidErrors.CidUnsupportedVersion.selector
                || selector == ICidErrors.CidUnsupportedCodec.selector
                || selector == ICidErrors.CidUnsupportedHash.selector
                || selector == ICidErrors.CidInvalidDigestLength.selector
                || selector == ICidErrors.CidMalformedVarint.selector);
    }

    /// @dev The property every input must have: accepted exactly when it is an accepted form, and then given
    /// back byte for byte; refused otherwise, with one of the {ICidErrors} errors.
    function _assertRefusedOrRoundTrips(bytes memory data) internal view {
        bool accepted = _isAcceptedForm(data);
        try cid.roundTrip(data) returns (bytes memory out) {
            assertTrue(accepted, "accepted a CID that is not an accepted form");
            assertEq(out, data, "accepted CID not given back byte for byte");
        } catch (bytes memory err) {
            assertFalse(accepted, "refused an accepted form");
            assertTrue(_isCidError(err), "refused with an error that is not an ICidErrors error");
        }
    }

    function _expectPackRevert(bytes memory data, bytes memory err) internal {
        vm.expectRevert(err);
        cid.pack(data);
    }

    /// @dev `pack(data)` reverts with the error `selector` carrying `value`.
    function _expectPackRevert(bytes memory data, bytes4 selector, uint256 value) internal {
        _expectPackRevert(data, abi.encodeWithSelector(selector, value));
    }

    /// @dev `pack` of `header` followed by {DIGEST} reverts with the error `selector` carrying `value`.
    function _expectHeaderRevert(bytes memory header, bytes4 selector, uint256 value) internal {
        _expectPackRevert(bytes.concat(header, DIGEST), selector, value);
    }

    // ============================================================ fuzz: round trips

    function testFuzz_pack_everyAcceptedFormRoundTrips(bytes32 digest) public view {
        uint8[FORMS] memory prefixes;
        for (uint256 form; form < FORMS; ++form) {
            bytes memory data = _cid(form, digest);
            (bytes32 packedDigest, uint8 prefix) = cid.pack(data);
            assertEq(packedDigest, digest, "digest");
            assertTrue(prefix & 0x80 != 0, "present bit");
            assertEq(cid.unpack(packedDigest, prefix), data, "unpacked bytes");
            assertEq(cid.roundTrip(data), data, "round trip");
            for (uint256 other; other < form; ++other) {
                assertNotEq(uint256(prefixes[other]), uint256(prefix), "two forms share a prefix");
            }
            prefixes[form] = prefix;
        }
    }

    function testFuzz_pack_randomBytesAreRefusedOrRoundTrip(bytes calldata data) public view {
        _assertRefusedOrRoundTrips(data);
    }

    /// @dev Random bytes seldom come near a valid CID; single edits of a valid one do.
    function testFuzz_pack_editedCidsAreRefusedOrRoundTrip(
        bytes32 digest,
        uint256 form,
        uint256 edit,
        uint256 position,
        uint8 value
    ) public view {
        bytes memory data = _cid(bound(form, 0, FORMS - 1), digest);
        position = bound(position, 0, data.length - 1);
        edit = bound(edit, 0, 3);
        bytes memory edited;
        if (edit == 0) {
            // Replace one byte.
            data[position] = bytes1(value);
            edited = data;
        } else if (edit == 1) {
            // Insert one byte.
            edited = bytes.concat(_slice(data, 0, position), bytes1(value), _slice(data, position, data.length));
        } else if (edit == 2) {
            // Delete one byte.
            edited = bytes.concat(_slice(data, 0, position), _slice(data, position + 1, data.length));
        } else {
            // Truncate.
            edited = _slice(data, 0, position);
        }
        _assertRefusedOrRoundTrips(edited);
    }

    /// @dev Headers built from fuzzed, minimally encoded values: each field is refused with the error that
    /// names it, in the order the fields come.
    function testFuzz_pack_fuzzedHeaderFieldsGiveTheExpectedError(
        uint256 version,
        uint256 codec,
        uint256 hashFunction,
        uint256 digestLength,
        uint256 lengthChange,
        bytes32 digest
    ) public {
        // Values the 3-byte varint reader can hold, three times in four an accepted one, so that every field
        // is reached and every branch taken.
        version = bound(version, 0, 3);
        codec = codec % 4 == 0 ? bound(codec >> 2, 0, 2 ** 21 - 1) : _codec((codec >> 2) % 4);
        hashFunction = hashFunction % 4 == 0 ? bound(hashFunction >> 2, 0, 2 ** 21 - 1) : _hash((hashFunction >> 2) % 5);
        digestLength = digestLength % 4 == 0 ? bound(digestLength >> 2, 0, 40) : 32;
        lengthChange = bound(lengthChange, 0, 2); // 0: exact, 1: one byte short, 2: one byte over
        bytes memory header = bytes.concat(_varint(version), _varint(codec), _varint(hashFunction), _varint(digestLength));
        bytes memory data = bytes.concat(header, digest);
        if (lengthChange == 1) data = _slice(data, 0, data.length - 1);
        if (lengthChange == 2) data = bytes.concat(data, hex"00");

        bytes memory expected;
        if (version != 1) {
            expected = abi.encodeWithSelector(ICidErrors.CidUnsupportedVersion.selector, version);
        } else if (!_isKnownCodec(codec)) {
            expected = abi.encodeWithSelector(ICidErrors.CidUnsupportedCodec.selector, codec);
        } else if (!_isKnownHash(hashFunction)) {
            expected = abi.encodeWithSelector(ICidErrors.CidUnsupportedHash.selector, hashFunction);
        } else if (digestLength != 32) {
            expected = abi.encodeWithSelector(ICidErrors.CidInvalidDigestLength.selector, digestLength);
        } else if (lengthChange != 0) {
            expected = abi.encodeWithSelector(ICidErrors.CidInvalidLength.selector, data.length);
        }
        if (expected.length == 0) {
            assertEq(cid.roundTrip(data), data, "valid header must round-trip");
        } else {
            _expectPackRevert(data, expected);
        }
    }

    function testFuzz_packOptional_isPackExceptForEmpty(bytes calldata data) public view {
        if (data.length == 0) {
            (bytes32 digest, uint8 prefix) = cid.packOptional(data);
            assertEq(digest, bytes32(0), "digest of no CID");
            assertEq(uint256(prefix), 0, "prefix of no CID");
            assertEq(cid.unpack(digest, prefix).length, 0, "no CID unpacks to nothing");
            return;
        }
        (bool okPack, bytes memory outPack) = address(cid).staticcall(abi.encodeCall(CidHarness.pack, (data)));
        (bool okOptional, bytes memory outOptional) =
            address(cid).staticcall(abi.encodeCall(CidHarness.packOptional, (data)));
        assertEq(okOptional, okPack, "success differs from pack");
        assertEq(outOptional, outPack, "result differs from pack");
    }

    function testFuzz_packOptional_acceptedFormsRoundTrip(bytes32 digest, uint256 form) public view {
        bytes memory data = _cid(bound(form, 0, FORMS - 1), digest);
        (bytes32 packedDigest, uint8 prefix) = cid.packOptional(data);
        assertEq(cid.unpack(packedDigest, prefix), data);
    }

    // ============================================================ fuzz: base32

    function testFuzz_toBase32_isTheCidV1InBase32(bytes32 digest, uint256 form) public view {
        form = bound(form, 0, FORMS - 1);
        (bytes32 packedDigest, uint8 prefix) = cid.pack(_cid(form, digest));
        bytes memory text = bytes(cid.toBase32(packedDigest, prefix));
        bytes memory v1 = _v1Bytes(form, digest);

        assertEq(text.length, 1 + (v1.length * 8 + 4) / 5, "length: multibase prefix plus unpadded base32");
        assertEq(uint256(uint8(text[0])), uint256(uint8(bytes1("b"))), "multibase prefix");
        bytes memory alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        for (uint256 i = 1; i < text.length; ++i) {
            bool found;
            for (uint256 j; j < 32; ++j) {
                if (text[i] == alphabet[j]) found = true;
            }
            assertTrue(found, "character outside the base32 alphabet");
        }
        assertEq(_decodeBase32(text), v1, "decodes back to the CIDv1");
    }

    /// @dev RFC 4648 base32, lower case, unpadded, after the multibase `b`; the spare bits must be zero.
    function _decodeBase32(bytes memory text) internal pure returns (bytes memory out) {
        uint256 bits = (text.length - 1) * 5;
        out = new bytes(bits / 8);
        uint256 buffer;
        uint256 held;
        uint256 k;
        for (uint256 i = 1; i < text.length; ++i) {
            uint8 c = uint8(text[i]);
            uint256 v = c >= 0x61 ? c - 0x61 : c - 0x32 + 26;
            buffer = (buffer << 5) | v;
            held += 5;
            if (held >= 8) {
                held -= 8;
                out[k++] = bytes1(uint8(buffer >> held));
                buffer &= (1 << held) - 1;
            }
        }
        require(buffer == 0, "non-zero padding bits");
    }

    // ============================================================ unit: accepted forms

    function test_pack_prefixFollowsTheDocumentedLayout() public view {
        (, uint8 v0) = cid.pack(_cid(0, DIGEST));
        assertEq(uint256(v0), 0x80 | (1 << 3), "CIDv0: present, version 0, dag-pb, sha2-256");
        for (uint256 c; c < 4; ++c) {
            for (uint256 h; h < 5; ++h) {
                (bytes32 digest, uint8 prefix) = cid.pack(_cid(1 + c * 5 + h, DIGEST));
                assertEq(digest, DIGEST);
                assertEq(uint256(prefix), 0x80 | 0x40 | (c << 3) | h, "CIDv1 prefix");
            }
        }
    }

    function test_pack_acceptsTheLongestForm() public view {
        // dag-json (2-byte varint) with blake2b-256 (3-byte varint): 39 bytes.
        bytes memory data = bytes.concat(hex"01a902a0e40220", DIGEST);
        (bytes32 digest, uint8 prefix) = cid.pack(data);
        assertEq(digest, DIGEST);
        assertEq(cid.unpack(digest, prefix), data);
    }

    function test_unpack_returnsNothingForZeroPrefix() public view {
        assertEq(cid.unpack(DIGEST, 0).length, 0);
        assertEq(cid.unpack(bytes32(0), 0).length, 0);
    }

    function test_packOptional_returnsZeroesForEmpty() public view {
        (bytes32 digest, uint8 prefix) = cid.packOptional("");
        assertEq(digest, bytes32(0));
        assertEq(uint256(prefix), 0);
    }

    function test_packOptional_revertsLikePack() public {
        vm.expectRevert(abi.encodeWithSelector(ICidErrors.CidInvalidLength.selector, 1));
        cid.packOptional(hex"12");
    }

    // ============================================================ unit: refusals

    function test_pack_revertsWhenEmpty() public {
        _expectPackRevert("", abi.encodeWithSelector(ICidErrors.CidEmpty.selector));
    }

    function test_pack_revertsWhenV0IsShort() public {
        _expectPackRevert(hex"12", ICidErrors.CidInvalidLength.selector, 1);
        _expectPackRevert(hex"1220", ICidErrors.CidInvalidLength.selector, 2);
        _expectPackRevert(_slice(_cid(0, DIGEST), 0, 33), ICidErrors.CidInvalidLength.selector, 33);
    }

    function test_pack_revertsWhenV0IsLong() public {
        _expectPackRevert(bytes.concat(_cid(0, DIGEST), hex"00"), ICidErrors.CidInvalidLength.selector, 35);
    }

    function test_pack_revertsWhenV0DigestLengthIsNot32() public {
        _expectHeaderRevert(hex"1221", ICidErrors.CidInvalidDigestLength.selector, 0x21);
        _expectHeaderRevert(hex"1200", ICidErrors.CidInvalidDigestLength.selector, 0);
    }

    function test_pack_revertsWhenVersionIsNot1() public {
        _expectHeaderRevert(hex"00551220", ICidErrors.CidUnsupportedVersion.selector, 0);
        _expectHeaderRevert(hex"02551220", ICidErrors.CidUnsupportedVersion.selector, 2);
        _expectHeaderRevert(hex"03551220", ICidErrors.CidUnsupportedVersion.selector, 3);
        _expectHeaderRevert(hex"8001551220", ICidErrors.CidUnsupportedVersion.selector, 128);
    }

    function test_pack_revertsWhenCodecIsUnsupported() public {
        // libp2p-key
        _expectHeaderRevert(hex"01721220", ICidErrors.CidUnsupportedCodec.selector, 0x72);
        // dag-jose, a 2-byte varint
        _expectHeaderRevert(hex"0185011220", ICidErrors.CidUnsupportedCodec.selector, 0x85);
        // The largest value a 3-byte varint holds.
        _expectHeaderRevert(hex"01ffff7f1220", ICidErrors.CidUnsupportedCodec.selector, 2 ** 21 - 1);
    }

    function test_pack_revertsWhenHashIsUnsupported() public {
        // identity
        _expectHeaderRevert(hex"01550020", ICidErrors.CidUnsupportedHash.selector, 0);
        // sha2-512
        _expectHeaderRevert(hex"01551320", ICidErrors.CidUnsupportedHash.selector, 0x13);
        // blake2b-512
        _expectHeaderRevert(hex"0155c0e40220", ICidErrors.CidUnsupportedHash.selector, 0xb240);
    }

    function test_pack_revertsWhenDigestLengthIsNot32() public {
        _expectPackRevert(bytes.concat(hex"0155121f", bytes31(DIGEST)), ICidErrors.CidInvalidDigestLength.selector, 31);
        _expectPackRevert(bytes.concat(hex"01551221", DIGEST, hex"00"), ICidErrors.CidInvalidDigestLength.selector, 33);
        _expectPackRevert(hex"01551200", ICidErrors.CidInvalidDigestLength.selector, 0);
    }

    function test_pack_revertsWhenDigestIsShort() public {
        _expectPackRevert(bytes.concat(hex"01551220", bytes31(DIGEST)), ICidErrors.CidInvalidLength.selector, 35);
        _expectPackRevert(hex"01551220", ICidErrors.CidInvalidLength.selector, 4);
    }

    function test_pack_revertsWhenBytesTrail() public {
        _expectPackRevert(bytes.concat(_cid(1, DIGEST), hex"00"), ICidErrors.CidInvalidLength.selector, 37);
        _expectPackRevert(bytes.concat(_cid(FORMS - 1, DIGEST), DIGEST), ICidErrors.CidInvalidLength.selector, 71);
    }

    function test_pack_revertsWhenHeaderIsCut() public {
        _expectPackRevert(hex"01", ICidErrors.CidInvalidLength.selector, 1);
        _expectPackRevert(hex"0155", ICidErrors.CidInvalidLength.selector, 2);
        _expectPackRevert(hex"015512", ICidErrors.CidInvalidLength.selector, 3);
        // A varint whose continuation bit runs off the end.
        _expectPackRevert(hex"01a9", ICidErrors.CidInvalidLength.selector, 2);
        _expectPackRevert(hex"81", ICidErrors.CidInvalidLength.selector, 1);
    }

    function test_pack_revertsWhenVarintIsNotMinimal() public {
        // version 1 as 0x81 0x00
        _expectHeaderRevert(hex"8100551220", ICidErrors.CidMalformedVarint.selector, 1);
        // codec raw as 0xd5 0x00
        _expectHeaderRevert(hex"01d5001220", ICidErrors.CidMalformedVarint.selector, 2);
        // dag-json as 0xa9 0x82 0x00
        _expectHeaderRevert(hex"01a982001220", ICidErrors.CidMalformedVarint.selector, 3);
        // sha2-256 as 0x92 0x00
        _expectHeaderRevert(hex"0155920020", ICidErrors.CidMalformedVarint.selector, 3);
        // digest length 32 as 0xa0 0x00
        _expectHeaderRevert(hex"015512a000", ICidErrors.CidMalformedVarint.selector, 4);
    }

    function test_pack_revertsWhenVarintIsTooLong() public {
        // Four bytes: more than any accepted code needs.
        _expectHeaderRevert(hex"018080800155", ICidErrors.CidMalformedVarint.selector, 3);
        _expectHeaderRevert(hex"0155a0e48002", ICidErrors.CidMalformedVarint.selector, 4);
    }

    // ============================================================ unit: base32

    /// @dev Expected strings from the `multiformats` npm package (`CID.decode(bytes).toV1().toString()`).
    function test_toBase32_matchesMultiformats() public view {
        bytes32 ones = bytes32(type(uint256).max);
        _assertBase32(_cid(0, DIGEST), "bafybeiaaaebagbafaydqqcikbmga2dqpcaireeyuculbogazdinryhi6d4");
        _assertBase32(
            bytes.concat(hex"01a902a0e40220", DIGEST),
            "baguqfiheaiqaaaicamcakbqhbaequcymbuha6earcijrifiwc4mbsgq3dqor4hy"
        );
        _assertBase32(
            bytes.concat(hex"01551e20", ones), "bafkr4ih777777777777777777777777777777777777777777777777774"
        );
        _assertBase32(
            bytes.concat(hex"01711620", bytes32(0)), "bafyrmiaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        );
    }

    function _assertBase32(bytes memory data, string memory expected) internal view {
        (bytes32 digest, uint8 prefix) = cid.pack(data);
        assertEq(cid.toBase32(digest, prefix), expected);
    }

    // ============================================================ helpers

    function _isKnownCodec(uint256 codec) internal pure returns (bool) {
        return codec == 0x55 || codec == 0x70 || codec == 0x71 || codec == 0x0129;
    }

    function _isKnownHash(uint256 h) internal pure returns (bool) {
        return h == 0x12 || h == 0x16 || h == 0x1b || h == 0x1e || h == 0xb220;
    }

    function _slice(bytes memory data, uint256 start, uint256 end) internal pure returns (bytes memory out) {
        out = new bytes(end - start);
        for (uint256 i = start; i < end; ++i) {
            out[i - start] = data[i];
        }
    }
}
