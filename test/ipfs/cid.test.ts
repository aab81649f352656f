import { expect } from "chai";

import { CID } from "multiformats/cid";
import { base36 } from "multiformats/bases/base36";
import { base16 } from "multiformats/bases/base16";

import { cidFromBytes, cidToBytes, InvalidCidError, IpfsError, parseCid, toCid } from "../../sdk/src/ipfs/index.js";
import { HELLO_CID_V0, HELLO_CID_V1 } from "./helpers.js";

const hex = (bytes: Uint8Array) => `0x${Buffer.from(bytes).toString("hex")}`;

describe("ipfs: CID helpers", () => {
  it("parses v0 and v1 CIDs, in any multibase and with ipfs:// or /ipfs/ prefixes", () => {
    const v1 = parseCid(HELLO_CID_V1);
    expect(v1.version).to.equal(1);
    expect(parseCid(HELLO_CID_V0).version).to.equal(0);
    expect(parseCid(` ipfs://${HELLO_CID_V1}/ `).equals(v1)).to.equal(true);
    expect(parseCid(`/ipfs/${HELLO_CID_V1}`).equals(v1)).to.equal(true);
    expect(parseCid(v1.toString(base36)).equals(v1)).to.equal(true);
    expect(parseCid(v1.toString(base16)).equals(v1)).to.equal(true);
  });

  it("rejects what is not exactly one CID", () => {
    for (const bad of ["", "hello", `${HELLO_CID_V1}x`, `/ipfs/${HELLO_CID_V1}/config.json`, "Qm123"]) {
      expect(() => parseCid(bad), bad).to.throw(InvalidCidError);
    }
    try {
      parseCid("nope");
    } catch (error) {
      expect(error).to.be.instanceOf(IpfsError);
      expect((error as InvalidCidError).shortMessage).to.contain("nope");
    }
  });

  it("round-trips the binary form the registry stores, from bytes and from 0x hex", () => {
    for (const text of [HELLO_CID_V0, HELLO_CID_V1]) {
      const bytes = cidToBytes(text);
      expect(cidFromBytes(bytes).toString()).to.equal(text);
      expect(cidFromBytes(hex(bytes)).toString()).to.equal(text);
      expect(cidFromBytes(hex(bytes).toUpperCase().replace("0X", "0x")).toString()).to.equal(text);
    }
    expect(cidToBytes(HELLO_CID_V0).length).to.equal(34);
    // CIDv1 = version 1, raw codec 0x55, sha2-256 (0x12) of 32 bytes (0x20), then sha256("hello\n").
    expect(hex(cidToBytes(HELLO_CID_V1))).to.equal(
      "0x01551220" + "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03",
    );
  });

  it("rejects bad binary CIDs", () => {
    const bytes = cidToBytes(HELLO_CID_V1);
    for (const bad of ["0x", "0x1", "0xzz", "1234", hex(bytes.subarray(0, 10)), hex(new Uint8Array([...bytes, 0]))]) {
      expect(() => cidFromBytes(bad), bad).to.throw(InvalidCidError);
    }
    expect(() => cidFromBytes(new Uint8Array([1, 2, 3]))).to.throw(InvalidCidError);
  });

  it("accepts CID objects, including ones that only look like a CID (another copy of multiformats)", () => {
    const cid = CID.parse(HELLO_CID_V1);
    expect(toCid(cid)).to.equal(cid);
    const foreign = {
      "/": cid.bytes,
      bytes: cid.bytes,
      version: cid.version,
      code: cid.code,
      multihash: cid.multihash,
    };
    expect(toCid(foreign as unknown as CID).equals(cid)).to.equal(true);
    expect(() => toCid({} as unknown as CID)).to.throw(InvalidCidError);
  });
});
