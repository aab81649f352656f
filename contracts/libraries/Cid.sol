// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICidErrors} from "../interfaces/ICidErrors.sol";

/// @title Cid
/// @notice Validates binary CIDs and stores each as one digest word plus a one-byte prefix.
/// @dev Every accepted CID has a 32-byte digest and one of a few versions, codecs and hash functions, so its
/// header packs into a byte that shares a storage word with other fields:
///
///   bit    7         6 5          4 3          2 1 0
///       [ present ] [ v1 ] [ 0 ] [ codec index ] [ hash index ]
///
///   codec index: 0 raw, 1 dag-pb, 2 dag-cbor, 3 dag-json
///   hash index:  0 sha2-256, 1 sha3-256, 2 keccak-256, 3 blake3, 4 blake2b-256
///
/// The `present` bit makes every stored CID non-zero, so a zero prefix means "no CID". A CIDv0 packs as
/// version 0, dag-pb, sha2-256. A digest word plus a shared byte, instead of a 36-byte `bytes` (three words),
/// saves two cold SSTOREs per CID; the exact bytes are rebuilt on read, so callers see the CID they gave.
library Cid {
    uint256 internal constant DIGEST_LENGTH = 32;

    uint256 internal constant CODEC_RAW = 0x55;
    uint256 internal constant CODEC_DAG_PB = 0x70;
    uint256 internal constant CODEC_DAG_CBOR = 0x71;
    uint256 internal constant CODEC_DAG_JSON = 0x0129;

    uint256 internal constant HASH_SHA2_256 = 0x12;
    uint256 internal constant HASH_SHA3_256 = 0x16;
    uint256 internal constant HASH_KECCAK_256 = 0x1b;
    uint256 internal constant HASH_BLAKE3 = 0x1e;
    uint256 internal constant HASH_BLAKE2B_256 = 0xb220;

    uint8 private constant PRESENT = 0x80;
    uint8 private constant V1 = 0x40;
    /// @dev Version 0, dag-pb (codec index 1), sha2-256 (hash index 0).
    uint8 private constant V0_PREFIX = PRESENT | (1 << 3);

    /// @notice Validates `cid` and returns its digest and packed prefix.
    /// @dev Reverts with a {ICidErrors} error naming what is wrong.
    function pack(bytes calldata cid) internal pure returns (bytes32 digest, uint8 prefix) {
        uint256 length = cid.length;
        if (length == 0) revert ICidErrors.CidEmpty();

        // CIDv0 is a bare multihash: 0x12 (sha2-256), 0x20 (32 bytes), digest. Its first byte can never be a
        // CIDv1 version byte, which is how the two are told apart.
        if (uint8(cid[0]) == HASH_SHA2_256) {
            if (length != 2 + DIGEST_LENGTH) revert ICidErrors.CidInvalidLength(length);
            if (uint8(cid[1]) != DIGEST_LENGTH) revert ICidErrors.CidInvalidDigestLength(uint8(cid[1]));
            return (bytes32(cid[2:]), V0_PREFIX);
        }

        (uint256 version, uint256 offset) = _readVarint(cid, 0);
        if (version != 1) revert ICidErrors.CidUnsupportedVersion(version);
        uint256 codec;
        (codec, offset) = _readVarint(cid, offset);
        uint256 codecIndex = _codecIndex(codec);
        uint256 hashFunction;
        (hashFunction, offset) = _readVarint(cid, offset);
        uint256 hashIndex = _hashIndex(hashFunction);
        uint256 digestLength;
        (digestLength, offset) = _readVarint(cid, offset);
        if (digestLength != DIGEST_LENGTH) revert ICidErrors.CidInvalidDigestLength(digestLength);
        if (length != offset + DIGEST_LENGTH) revert ICidErrors.CidInvalidLength(length);
        // Fits in a byte: codecIndex < 4 and hashIndex < 5.
        return (bytes32(cid[offset:]), uint8(PRESENT | V1 | (codecIndex << 3) | hashIndex));
    }

    /// @notice Like {pack}, but an empty `cid` packs to zeroes instead of reverting.
    function packOptional(bytes calldata cid) internal pure returns (bytes32 digest, uint8 prefix) {
        if (cid.length == 0) return (bytes32(0), 0);
        return pack(cid);
    }

    /// @notice Rebuilds the binary CID from its digest and packed prefix; empty when `prefix` is zero.
    function unpack(bytes32 digest, uint8 prefix) internal pure returns (bytes memory) {
        if (prefix == 0) return "";
        if (prefix & V1 == 0) return abi.encodePacked(uint8(HASH_SHA2_256), uint8(DIGEST_LENGTH), digest);
        uint256 codec = [CODEC_RAW, CODEC_DAG_PB, CODEC_DAG_CBOR, CODEC_DAG_JSON][(prefix >> 3) & 3];
        uint256 hashFunction =
            [HASH_SHA2_256, HASH_SHA3_256, HASH_KECCAK_256, HASH_BLAKE3, HASH_BLAKE2B_256][prefix & 7];
        return abi.encodePacked(uint8(1), _varint(codec), _varint(hashFunction), uint8(DIGEST_LENGTH), digest);
    }

    /// @notice The CID as text in multibase base32 (`b…`), the form IPFS gateways and `ipfs://` links use.
    /// @dev A CIDv0 is first expressed as the equivalent CIDv1 (dag-pb), since base32 is defined for CIDv1 only.
    function toBase32(bytes32 digest, uint8 prefix) internal pure returns (string memory) {
        if (prefix & V1 == 0) prefix = V0_PREFIX | V1;
        bytes memory data = unpack(digest, prefix);
        bytes memory alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        // 1 multibase character, then 8 characters per 5 bytes, rounded up, unpadded.
        bytes memory out = new bytes(1 + (data.length * 8 + 4) / 5);
        out[0] = "b";
        uint256 buffer;
        uint256 bits;
        uint256 j = 1;
        for (uint256 i; i < data.length; ++i) {
            buffer = (buffer << 8) | uint8(data[i]);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[j++] = alphabet[(buffer >> bits) & 31];
            }
        }
        if (bits > 0) out[j] = alphabet[(buffer << (5 - bits)) & 31];
        return string(out);
    }

    function _codecIndex(uint256 codec) private pure returns (uint256) {
        if (codec == CODEC_RAW) return 0;
        if (codec == CODEC_DAG_PB) return 1;
        if (codec == CODEC_DAG_CBOR) return 2;
        if (codec == CODEC_DAG_JSON) return 3;
        revert ICidErrors.CidUnsupportedCodec(codec);
    }

    function _hashIndex(uint256 hashFunction) private pure returns (uint256) {
        if (hashFunction == HASH_SHA2_256) return 0;
        if (hashFunction == HASH_SHA3_256) return 1;
        if (hashFunction == HASH_KECCAK_256) return 2;
        if (hashFunction == HASH_BLAKE3) return 3;
        if (hashFunction == HASH_BLAKE2B_256) return 4;
        revert ICidErrors.CidUnsupportedHash(hashFunction);
    }

    /// @dev Reads an unsigned LEB128 varint of at most 3 bytes (values below 2**21 cover every accepted code),
    /// refusing non-minimal encodings so that one CID has exactly one binary form.
    function _readVarint(bytes calldata data, uint256 offset) private pure returns (uint256 value, uint256 next) {
        for (uint256 shift; shift < 21; shift += 7) {
            if (offset >= data.length) revert ICidErrors.CidInvalidLength(data.length);
            uint256 b = uint8(data[offset++]);
            value |= (b & 0x7f) << shift;
            if (b & 0x80 == 0) {
                if (b == 0 && shift > 0) revert ICidErrors.CidMalformedVarint(offset - 1);
                return (value, offset);
            }
        }
        revert ICidErrors.CidMalformedVarint(offset - 1);
    }

    function _varint(uint256 value) private pure returns (bytes memory) {
        if (value < 0x80) return abi.encodePacked(uint8(value));
        if (value < 0x4000) return abi.encodePacked(uint8(value | 0x80), uint8(value >> 7));
        return abi.encodePacked(uint8(value | 0x80), uint8((value >> 7) | 0x80), uint8(value >> 14));
    }
}
