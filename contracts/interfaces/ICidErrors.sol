// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ICidErrors
/// @notice Errors for content identifiers (CIDs) that the protocol refuses. A CID is accepted in binary form
/// only: CIDv0 (a bare sha2-256 multihash, `0x1220 ‖ digest`) or CIDv1 (`0x01 ‖ codec ‖ multihash`), with a
/// known IPLD codec and a 256-bit cryptographic hash, so every accepted CID names its content unambiguously.
interface ICidErrors {
    /// @notice Thrown when a required CID is empty.
    error CidEmpty();

    /// @notice Thrown when the CID's bytes end before its header says they should, or go on after the digest.
    error CidInvalidLength(uint256 length);

    /// @notice Thrown when the CID's version is neither 0 nor 1 (2 and 3 are reserved by the CID spec).
    error CidUnsupportedVersion(uint256 version);

    /// @notice Thrown when the CIDv1's codec is not raw (0x55), dag-pb (0x70), dag-cbor (0x71) or dag-json (0x0129).
    error CidUnsupportedCodec(uint256 codec);

    /// @notice Thrown when the multihash function is not sha2-256 (0x12), sha3-256 (0x16), keccak-256 (0x1b),
    /// blake3 (0x1e) or blake2b-256 (0xb220).
    error CidUnsupportedHash(uint256 hashFunction);

    /// @notice Thrown when the multihash's declared digest length is not 32 bytes.
    error CidInvalidDigestLength(uint256 digestLength);

    /// @notice Thrown when a varint in the CID is not in its shortest form or is too large for any accepted value.
    error CidMalformedVarint(uint256 offset);
}
