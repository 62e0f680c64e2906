/**
 * German abbreviations after which a full stop does not end a sentence.
 * Case-sensitive: "Dr." is an abbreviation, "dr." is not a German word.
 * Single letters ("z.", "B.", "d.", "h.", initials like "W.") are handled by
 * a rule of their own in `sentences.ts`.
 */
export const GERMAN_ABBREVIATIONS: ReadonlySet<string> = new Set([
  // multi-part abbreviations are recognised by their parts: z. B., d. h., u. a., o. ä., v. a., s. o.
  'bzw', 'ca', 'usw', 'etc', 'vgl', 'ggf', 'evtl', 'inkl', 'exkl', 'zzgl', 'bspw', 'sog', 'urspr', 'eigtl', 'allg',
  'Dr', 'Prof', 'Dipl', 'Ing', 'Hr', 'Hrn', 'Fr', 'Frl', 'Mr', 'Mrs', 'Ms', 'St', 'Sr', 'Jr',
  'Nr', 'Mio', 'Mrd', 'Tsd', 'Bd', 'Bde', 'Hrsg', 'Kap', 'Abs', 'Art', 'Abb', 'Tab', 'Anm', 'Aufl', 'Jh', 'Jhd',
  'Tel', 'Fax', 'Str', 'Pkt', 'Ziff', 'lt', 'gem', 'bzgl', 'hinsichtl', 'einschl', 'max', 'min', 'Min', 'Sek', 'Std',
  'ggü', 'vs', 'resp', 'geb', 'gest', 'verh', 'Chr', 'Mass', 'Verf', 'Vors', 'Gebr', 'Co', 'Dt', 'dt', 'engl', 'frz',
  'Jan', 'Feb', 'Mär', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Okt', 'Nov', 'Dez',
  'Mo', 'Di', 'Mi', 'Do', 'Sa', 'So'
])

/** Month names: "am 3. Oktober" is a date, not a sentence end. */
export const GERMAN_MONTHS: ReadonlySet<string> = new Set([
  'Januar', 'Jänner', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober',
  'November', 'Dezember', 'Jan', 'Feb', 'Mär', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Okt', 'Nov', 'Dez'
])

/** Words that put a following "3." in the role of an ordinal ("der 2. Platz", "zum 5. Mal"). */
export const ORDINAL_LEADS: ReadonlySet<string> = new Set([
  'am', 'im', 'vom', 'zum', 'beim', 'der', 'die', 'das', 'dem', 'den', 'des', 'ein', 'eine', 'einem', 'einen', 'einer',
  'eines', 'seit', 'bis', 'ab', 'jeden', 'jede', 'jeder', 'jedes', 'sein', 'seine', 'seinem', 'seinen', 'seiner', 'ihr',
  'ihre', 'ihrem', 'ihren', 'ihrer', 'unser', 'unsere', 'Am', 'Im', 'Vom', 'Zum', 'Der', 'Die', 'Das', 'Dem', 'Den',
  'Des', 'Seit', 'Bis', 'Ab'
])
