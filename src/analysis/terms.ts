/** Tokens, stop words and Porter stems: the vocabulary shared by summaries, retrieval and answers. */
import { stemmer } from "stemmer";

export const STOP_WORDS = new Set(
  (
    "a about above after again against all am an and any are aren't as at be because been before being below " +
    "between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each " +
    "few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself " +
    "him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't " +
    "my myself no nor not of off on once only or other ought our ours ourselves out over own same shan't she she'd " +
    "she'll she's should shouldn't so some such than that that's the their theirs them themselves then there " +
    "there's these they they'd they'll they're they've this those through to too under until up very was wasn't we " +
    "we'd we'll we're we've were weren't what what's when when's where where's which while who who's whom why why's " +
    "with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves also would could said " +
    "says will may might must shall s t just than"
  ).split(" "),
);

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Lower-cased word tokens, apostrophes normalized. */
export function words(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).map((w) => w.replace(/’/g, "'"));
}

const stemCache = new Map<string, string>();

/**
 * Past forms of irregular verbs, read as their plain form so that "found" meets "find" and "began"
 * meets "begin". Forms that are also common nouns or names ("left", "saw", "fed", "lay") are left
 * out; "rose" is read as the verb, as news mostly uses it.
 */
const IRREGULAR = new Map(
  (
    "began:begin begun:begin took:take taken:take gave:give given:give went:go gone:go came:come seen:see " +
    "made:make found:find won:win lost:lose led:lead held:hold brought:bring bought:buy sold:sell told:tell " +
    "thought:think kept:keep met:meet paid:pay sent:send spent:spend built:build fought:fight caught:catch " +
    "taught:teach wrote:write written:write chose:choose chosen:choose drove:drive driven:drive risen:rise " +
    "fell:fall fallen:fall grew:grow grown:grow knew:know known:know threw:throw thrown:throw ran:run " +
    "struck:strike spoke:speak spoken:speak stood:stand understood:understand became:become broke:break " +
    "broken:break hid:hide hidden:hide ate:eat eaten:eat flew:fly flown:fly drew:draw drawn:draw forgot:forget " +
    "forgotten:forget froze:freeze frozen:freeze shot:shoot sang:sing sung:sing sank:sink sunk:sink swore:swear " +
    "sworn:swear tore:tear torn:tear wore:wear worn:wear woke:wake woken:wake dealt:deal felt:feel fled:flee " +
    "lent:lend meant:mean sought:seek shook:shake shaken:shake slept:sleep stole:steal stolen:steal stuck:stick " +
    "swept:sweep withdrew:withdraw withdrawn:withdraw undertook:undertake undertaken:undertake arose:arise " +
    "arisen:arise blew:blow blown:blow bred:breed dug:dig forbade:forbid forbidden:forbid forgave:forgive " +
    "forgiven:forgive hung:hang rode:ride ridden:ride rang:ring swam:swim overcame:overcome overtook:overtake " +
    "overtaken:overtake mistook:mistake mistaken:mistake sped:speed spun:spin strove:strive striven:strive " +
    "got:get gotten:get rose:rise"
  )
    .split(" ")
    .map((pair) => pair.split(":") as [string, string]),
);

export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    const base = word.endsWith("'s") ? word.slice(0, -2) : word;
    s = /^[a-z]+$/.test(base) ? stemmer(IRREGULAR.get(base) ?? base) : base;
    if (stemCache.size < 200_000) stemCache.set(word, s);
  }
  return s;
}

/** Stemmed content terms of a text, in order, stop words removed. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (STOP_WORDS.has(w)) continue;
    out.push(stem(w));
  }
  return out;
}
