/**
 * A UTF-8 page with the attributes the walk never reads cut out, before it is decoded and parsed.
 *
 * A portal page spends most of its bytes on style, class and width attributes (a Word-made report
 * page: 90 % of 366 KB). The HTML reader keeps attributes only on <td>, <th> and <meta>
 * (html.ts: LeanParser), yet decoding those bytes to a string and walking them through
 * htmlparser2's tokenizer, one character at a time, was half the cost of a page. This scan
 * follows the tokenizer's own states over the bytes (only ASCII decides where a tag, a quoted
 * value, a comment or a <script>'s text ends, and UTF-8 never puts an ASCII byte inside a
 * character), skips the long runs with the native indexOf, and drops each other tag's attributes,
 * keeping `<name>` or `<name/>` as the tokenizer would have ended it. htmlparser2 then reads the
 * lean bytes into exactly the tree it builds from the whole page (test/html-lean.test.ts proves
 * it on every corpus page, the fixtures and random markup).
 */

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;
const DQ = 0x22;
const SQ = 0x27;
const BANG = 0x21;
const QUESTION = 0x3f;
const DASH = 0x2d;
const BRACKET = 0x5b;

const isWhitespace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
const isEndOfTagSection = (c: number) => c === SLASH || c === GT || isWhitespace(c);
const isAsciiAlpha = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);

const bytesOf = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
const CDATA = bytesOf('CDATA[');
const CDATA_END = bytesOf(']]>');
const COMMENT_END = bytesOf('-->');
/** Tags whose text the tokenizer reads raw up to their end tag (htmlparser2's special tags). */
const SPECIAL_END = new Map(['script', 'style', 'title', 'textarea', 'xmp'].map((name) => [name, bytesOf(`</${name}`)]));
const TITLE_END = SPECIAL_END.get('title');
/** The attributes the walk reads (a cell's spans, a <meta>'s name and content), on the tags it reads them on; html.ts's parser keeps no other either. */
export const KEEP_ATTRIBUTES_ON: ReadonlySet<string> = new Set(['td', 'th', 'meta']);
export const KEEP_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set(['rowspan', 'colspan', 'name', 'property', 'content']);

/** The lower-case ASCII name of bytes [start, end), or null when it holds another byte. */
function asciiName(src: Uint8Array, start: number, end: number): string | null {
  if (end - start > 10) return null; // longer than every name we look for
  let name = '';
  for (let i = start; i < end; i++) {
    const c = src[i];
    if (c >= 0x80) return null;
    name += String.fromCharCode(c >= 0x41 && c <= 0x5a ? c | 0x20 : c);
  }
  return name;
}

/** Index after a comment or CDATA section whose body starts at `i` (the tokenizer's InCommentLike state); -1 at the end of input. */
function commentLikeEnd(src: Uint8Array, i: number, seq: Uint8Array, matched: number): number {
  const n = src.length;
  let q = matched;
  for (; i < n; i++) {
    const c = src[i];
    if (c === seq[q]) {
      if (++q === seq.length) return i + 1;
    } else if (q === 0) {
      i = src.indexOf(seq[0], i + 1);
      if (i < 0) return -1;
      q = 1;
    } else if (c !== seq[q - 1]) {
      q = 0;
    }
  }
  return -1;
}

/** Index of the `</name` that ends a special tag's text starting at `i` (InSpecialTag); -1 if none. */
function specialEnd(src: Uint8Array, i: number, seq: Uint8Array): number {
  const n = src.length;
  const title = seq === TITLE_END;
  let q = 0;
  for (; i < n; i++) {
    const c = src[i];
    if (q === seq.length) {
      if (c === GT || isWhitespace(c)) return i - seq.length;
      q = 0;
    }
    if ((c | 0x20) === seq[q]) q++;
    else if (q === 0) {
      if (!title) {
        i = src.indexOf(LT, i + 1);
        if (i < 0) return -1;
        q = 1;
      }
    } else q = c === LT ? 1 : 0;
  }
  return -1;
}

/** Index after a `<!…` construct whose first byte after `!` is at `i`; -1 at the end of input. */
function declarationEnd(src: Uint8Array, i: number): number {
  const c = src[i];
  if (c === BRACKET) {
    for (let k = 0; k < CDATA.length; k++) {
      const at = i + 1 + k;
      if (at >= src.length) return -1;
      // A mismatch is a declaration up to the next '>', from that very byte.
      if (src[at] !== CDATA[k]) return endAt(src.indexOf(GT, at));
    }
    return commentLikeEnd(src, i + 1 + CDATA.length, CDATA_END, 0);
  }
  if (c === DASH) {
    if (i + 1 >= src.length) return -1;
    // `<!--`: a comment (`<!-->` already ends it); `<!-x`: a declaration, the x consumed.
    if (src[i + 1] === DASH) return commentLikeEnd(src, i + 2, COMMENT_END, 2);
    return endAt(src.indexOf(GT, i + 2));
  }
  return endAt(src.indexOf(GT, i + 1)); // the byte after `!` is consumed, even a '>'
}

const endAt = (gt: number) => (gt < 0 ? -1 : gt + 1);

/**
 * Where the last open tag scanned (openTag) ends and how: one object for the whole scan, and the
 * attributes as flat indices, so that scanning a tag allocates nothing.
 */
interface OpenTag {
  /** Index after the tag's '>', or -1 when the input ends inside it. */
  end: number;
  selfClosing: boolean;
  /** Index where the name ends (its attributes, if any, start here). */
  nameEnd: number;
  /** Each attribute as three indices: where its name starts and ends, and where its value ends. */
  attributes: number[];
  count: number;
}

/** Scan the open tag whose name starts at `i` (after '<') into `tag`: its name, attributes, end. */
function openTag(src: Uint8Array, i: number, tag: OpenTag): void {
  const n = src.length;
  const at = tag.attributes;
  let count = 0;
  let j = i + 1;
  while (j < n && !isEndOfTagSection(src[j])) j++;
  tag.nameEnd = j;
  tag.end = -1;
  tag.selfClosing = false;
  // The tokenizer's attribute states, byte by byte; quoted values skipped with indexOf.
  let state = BEFORE;
  for (; j < n; j++) {
    const c = src[j];
    if (state === BEFORE) {
      if (c === GT) {
        tag.end = j + 1;
        break;
      }
      if (c === SLASH) state = SELF_CLOSING;
      else if (!isWhitespace(c)) {
        state = NAME;
        at[count++] = j;
      }
    } else if (state === NAME) {
      if (c === EQ || isEndOfTagSection(c)) {
        at[count++] = j;
        state = AFTER_NAME;
        j--; // reconsume
      }
    } else if (state === AFTER_NAME) {
      if (c === EQ) state = BEFORE_VALUE;
      else if (c === SLASH || c === GT) {
        at[count] = at[count - 1]; // no value
        count++;
        state = BEFORE;
        j--;
      } else if (!isWhitespace(c)) {
        at[count] = at[count - 1];
        count++;
        state = NAME;
        at[count++] = j;
      }
    } else if (state === BEFORE_VALUE) {
      if (c === DQ || c === SQ) {
        j = src.indexOf(c, j + 1);
        if (j < 0) break;
        at[count++] = j + 1;
        state = BEFORE;
      } else if (!isWhitespace(c)) {
        state = UNQUOTED;
        j--;
      }
    } else if (state === UNQUOTED) {
      if (isWhitespace(c) || c === GT) {
        at[count++] = j;
        state = BEFORE;
        j--;
      }
    } else if (state === SELF_CLOSING) {
      if (c === GT) {
        tag.end = j + 1;
        tag.selfClosing = true;
        break;
      }
      if (!isWhitespace(c)) {
        state = BEFORE;
        j--;
      }
    }
  }
  tag.count = tag.end < 0 ? 0 : count;
}

// The tokenizer's states inside an open tag.
const BEFORE = 0;
const NAME = 1;
const AFTER_NAME = 2;
const BEFORE_VALUE = 3;
const UNQUOTED = 4;
const SELF_CLOSING = 5;

/**
 * The page's bytes (valid UTF-8, no byte-order mark) with the attributes of every tag but <td>,
 * <th> and <meta> cut out; everything else — text, comments, scripts, end tags — byte for byte.
 * A tag the input ends inside is kept whole, as is the rest after it.
 */
export function withoutUnreadAttributes(src: Uint8Array): Uint8Array {
  const n = src.length;
  let out: Uint8Array | null = null; // a copy, compacted in place once the first attribute goes
  let w = 0; // bytes of `out` written
  let copied = 0; // bytes of `src` accounted for (kept in out[0, w) or dropped)
  const keepTo = (end: number) => {
    if (out && w !== copied) out.copyWithin(w, copied, end);
    w += end - copied;
    copied = end;
  };
  const tag: OpenTag = { end: -1, selfClosing: false, nameEnd: 0, attributes: [], count: 0 };
  const kept: number[] = [];
  let i = 0;
  while (i < n) {
    const lt = src.indexOf(LT, i);
    if (lt < 0 || lt + 1 >= n) break;
    const c = src[lt + 1];
    let next: number;
    if (c === BANG) next = lt + 2 < n ? declarationEnd(src, lt + 2) : -1;
    else if (c === QUESTION) next = endAt(src.indexOf(GT, lt + 2));
    else if (c === SLASH) {
      let j = lt + 2;
      while (j < n && isWhitespace(src[j])) j++;
      next = j < n ? endAt(src.indexOf(GT, j)) : -1;
    } else if (isAsciiAlpha(c)) {
      openTag(src, lt + 1, tag);
      if (tag.end < 0) break;
      const name = asciiName(src, lt + 1, tag.nameEnd);
      if (tag.count) {
        // Kept: rowspan/colspan of a cell, name/property/content of a <meta>, each as written.
        const keep = name !== null && KEEP_ATTRIBUTES_ON.has(name);
        kept.length = 0;
        // The tag after its name, rewritten: ` attribute` for each kept, then `>`, `/>` or ` />`.
        let length = 1;
        for (let k = 0; keep && k < tag.count; k += 3) {
          const attribute = asciiName(src, tag.attributes[k], tag.attributes[k + 1]);
          if (attribute === null || !KEEP_ATTRIBUTE_NAMES.has(attribute)) continue;
          kept.push(tag.attributes[k], tag.attributes[k + 2]);
          length += 1 + tag.attributes[k + 2] - tag.attributes[k];
        }
        // After an unquoted value a bare '/' would join the value: ` />` then.
        if (tag.selfClosing) length += kept.length ? 2 : 1;
        // Only ever shorter, so that it is written in place, behind what is still to be read.
        if (length < tag.end - tag.nameEnd) {
          keepTo(tag.nameEnd);
          out ??= new Uint8Array(src); // a copy (a Buffer's slice() would be a view of the caller's bytes)
          for (let k = 0; k < kept.length; k += 2) {
            out[w++] = 0x20;
            out.set(src.subarray(kept[k], kept[k + 1]), w);
            w += kept[k + 1] - kept[k];
          }
          if (tag.selfClosing) {
            if (kept.length) out[w++] = 0x20;
            out[w++] = SLASH;
          }
          out[w++] = GT;
          copied = tag.end;
        }
      }
      next = tag.end;
      // <script>, <style>, <title>, <textarea>, <xmp>: their text is read raw up to their end tag.
      const special = !tag.selfClosing && name !== null ? SPECIAL_END.get(name) : undefined;
      if (special) next = specialEnd(src, next, special);
    } else {
      next = lt + 1; // not a tag: text, and the byte after '<' is read again
    }
    if (next < 0) break;
    i = next;
  }
  if (!out) return src;
  keepTo(n);
  return out.subarray(0, w);
}
