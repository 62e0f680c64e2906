import type {faultsEn} from './faults.en.js'
import type {Shape} from './shape.js'

/** Deutsche Texte der Fehler unterhalb der Kommandozeile, nach Schlüssel: siehe `cli/faults.ts`. */
export const faultsDe: Shape<typeof faultsEn> = {
  provider: {
    detail: '{{provider}}: HTTP {{status}}{{said}}',
    detailFrom: '{{provider}}: HTTP {{status}} von {{endpoint}}{{said}}',
    http: '{{detail}}',
    auth: '{{detail}} (den API-Schlüssel prüfen)',
    quota: '{{detail}} (Kontingent erschöpft)',
    notTheApi: '{{detail}} (nicht die API: stimmt die Adresse?)',
    htmlPage: '{{provider}}: {{endpoint}} antwortete mit einer HTML-Seite (HTTP {{status}}), nicht mit der API: stimmt die Adresse?',
    redirect: '{{provider}}: {{endpoint}} leitet auf {{target}} weiter (HTTP {{status}}); tandem folgt keinen Weiterleitungen: die Adresse einstellen, auf die weitergeleitet wird',
    undecodable: '{{provider}}: die Antwort von {{endpoint}} lässt sich nicht so entpacken, wie ihr Content-Encoding sagt',
    unsafe: '{{provider}}: die Antwort von {{endpoint}} enthält den API-Schlüssel; abgelehnt, nichts davon wird behalten',
    connection: '{{provider}}: keine Verbindung zu {{endpoint}} ({{code}})',
    midAnswer: '{{provider}}: die Verbindung zu {{endpoint}} brach mitten in der Antwort ab ({{code}})',
    unreachable: '{{provider}}: {{endpoint}} ist nicht erreichbar ({{code}}): läuft der Server, stimmt die Adresse?',
    exhausted: '{{reason}} (nach {{attempts}} Versuchen aufgegeben)',
    tooLong: '{{reason}}: der Server verlangt {{seconds}} s Wartezeit, länger als tandem wartet ({{max}} s); bitte später erneut versuchen',
    timeout: 'keine Antwort innerhalb von {{ms}} ms',
    setup: '{{provider}} konnte nicht starten, nichts wurde übersetzt: {{reason}}',
    notJson: '{{provider}}: die Antwort ist kein gültiges JSON',
    notShape: '{{provider}}: die Antwort ist kein gültiges JSON der Form {{shape}}',
    noList: '{{provider}}: die Antwort hat keine Liste {{field}}',
    count: '{{provider}}: {{got}} Übersetzungen für {{sent}} Texte',
    noGlossaryId: '{{provider}}: das angelegte Glossar hat keine glossary_id',
    noToken: '{{provider}}: die Token-Antwort hat kein access_token',
    badKey: '{{provider}}: der Schlüssel des Dienstkontos kann nicht signieren (sein private_key ist kein RSA-Schlüssel im PEM-Format)',
    notCompletion: '{{provider}}: die Antwort ist keine Chat-Completion (kein JSON)',
    sentenceTooLong: '{{provider}}: ein Satz von {{bytes}} Bytes ist mehr, als der Dienst annimmt ({{max}})',
    noText: '{{provider}}: die Antwort hat kein {{field}}',
    maxTokens: '{{provider}}: die Antwort wurde abgeschnitten (stop_reason "max_tokens"); kleinere Stapel wählen',
    notMessage: '{{provider}}: die Antwort von {{endpoint}} ist keine Nachricht',
    noChoices: '{{provider}}: die Antwort hat keine choices',
    cutOff: '{{provider}}: die Antwort wurde abgeschnitten (finish_reason "length"); kleinere Stapel wählen oder die Ausgabegrenze des Modells erhöhen',
    refused: '{{provider}}: das Modell hat abgelehnt: {{said}}'
  },
  glossary: {
    notUtf8: '{{where}}: kein gültiges UTF-8',
    invalidYaml: '{{where}}: ungültiges YAML: {{detail}}',
    notMap: '{{where}}: eine Glossardatei ist eine Zuordnung mit "names" und "terms"',
    unknownSection: '{{where}}: unbekannter Abschnitt "{{section}}" (bekannt: names, terms, quotes)',
    notList: '{{where}}: "{{section}}" muss eine Liste sein',
    nameShape: '{{where}}: ein Name ist ein Text oder eine Zuordnung mit "name"',
    termShape: '{{where}}: ein Begriff ist eine Zuordnung mit "de" und "en"',
    quoteShape: '{{where}}: ein Zitat ist eine Zuordnung mit "de", "en" und "source"',
    quoteConflict: '{{where}}: das Zitat „{{quote}}“ steht schon in {{place}}, mit anderen englischen Worten; eines behalten',
    unknownField: '{{where}}: unbekanntes Feld "{{field}}" (bekannt: {{known}})',
    emptyName: '{{where}}: ein Name darf nicht leer sein',
    emptyField: '{{where}}: "{{field}}" darf nicht leer sein',
    controlName: '{{where}}: ein Name enthält ein Steuerzeichen',
    controlField: '{{where}}: "{{field}}" enthält ein Steuerzeichen',
    caseValue: '{{where}}: "case" muss "sensitive" oder "insensitive" sein',
    duplicate: '{{where}}: doppelt, wie "{{term}}" in {{place}}',
    conflict: '{{where}}: "{{term}}" widerspricht {{place}}, wo es als "{{en}}" ({{kind}}) steht',
    yaml: {BAD_INDENT: 'falsch eingerückt, oder eine Klammer ist nicht geschlossen', DUPLICATE_KEY: 'ein Schlüssel steht zweimal in einer Zuordnung', TAB_AS_INDENT: 'Tabulatoren sind als Einrückung nicht erlaubt', BLOCK_AS_IMPLICIT_KEY: 'eine Zuordnung oder Liste an einer Stelle, wo keine stehen darf', MISSING_CHAR: 'ein Zeichen fehlt (ein Anführungszeichen, eine Klammer oder ein Doppelpunkt)', MULTIPLE_DOCS: 'mehrere Dokumente (---) in einer Datei', BAD_DQ_ESCAPE: 'eine ungültige Escape-Sequenz in doppelten Anführungszeichen', MULTILINE_IMPLICIT_KEY: 'ein Schlüssel muss in einer Zeile stehen', UNEXPECTED_TOKEN: 'ein unerwartetes Zeichen', other: 'der YAML-Leser meldet „{{detail}}“'},
    tomlMultiLine: 'kein einzeiliger TOML-Text',
    kinds: {term: 'Begriff', name: 'Name'}
  },
  interchange: {
    rowNeedsBoth: '{{where}}: eine Zeile braucht einen deutschen und einen englischen Begriff',
    emptyTerm: '{{where}}: leerer Begriff',
    unclosedQuote: '{{where}}: nicht geschlossenes Anführungszeichen',
    entities: '{{where}}: ein DOCTYPE mit Entitäten wird abgelehnt: eine Entität kann lokale Dateien lesen oder sich endlos ausdehnen',
    notWellFormed: '{{where}}: kein wohlgeformtes XML (der XML-Leser meldet „{{detail}}“)',
    xmlUnreadable: '{{where}}: das XML ist nicht lesbar: {{detail}}',
    entryNeedsBoth: '{{where}}: termEntry {{id}} braucht einen deutschen und einen englischen Begriff',
    notXliff: '{{where}}: keine XLIFF-Datei',
    notTmx: '{{where}}: keine TMX-Datei',
    unitUnknown: '{{where}}: die Einheit "{{id}}" ist kein Satz eines erstellten Artikels',
    unitSourceChanged: '{{where}}: Einheit "{{id}}": der deutsche Ausgangstext wurde geändert',
    duplicateUnit: '{{where}}: Einheit "{{id}}" noch einmal (zuerst in Zeile {{first}}); eine der beiden behalten',
    unclosed: '{{where}}: die Datei endet mit noch offenen Elementen ({{list}}): ist sie abgeschnitten?'
  },
  memory: {
    folder: '{{path}}: ist ein Ordner, keine Speicherdatei',
    unreadable: '{{path}}: nicht lesbar ({{detail}})',
    notJson: '{{where}}: kein gültiges JSON',
    noHeader: '{{where}}: die Kopfzeile des tandem-Speichers fehlt',
    entryField: {
      status: '{{where}}: das Feld "status" dieses Eintrags ist ungültig: es ist "machine" oder "reviewed"',
      glossary: '{{where}}: das Feld "glossary" dieses Eintrags ist ungültig: es ist eine Liste von Texten',
      by: '{{where}}: das Feld "by" dieses Eintrags ist ungültig: es ist ein Text',
      at: '{{where}}: das Feld "at" dieses Eintrags ist ungültig: es ist ein Text',
      conflict: '{{where}}: das Feld "conflict" dieses Eintrags ist ungültig: es ist die andere Fassung (target, status, provider) oder {"removed": true}',
      judge: '{{where}}: das Feld "judge" dieses Eintrags ist ungültig: es ist eine Bewertung von 0 bis 100 mit einer Liste von Befunden; das Feld entfernen, um den Eintrag ohne Bewertung zu behalten'
    },
    entryFields: '{{where}}: ein Eintrag braucht {{fields}}',
    conflict: '{{where}}: derselbe deutsche Text wie in Zeile {{earlier}}, mit anderer Übersetzung; eine der beiden Zeilen behalten'
  },
  worker: {
    outOfMemory: 'einem Build-Worker ging der Speicher aus, als er {{articles}} bearbeitete, keiner von ihnen wurde gebaut. Node mehr Speicher geben (NODE_OPTIONS=--max-old-space-size=8192, in MB) oder einen sehr großen Artikel teilen'
  },
  lock: {
    starting: 'die Sperre {{path}} nennt noch keinen Besitzer (vor {{seconds}} s geschrieben): ein anderer tandem-Prozess startet vielleicht gerade; erneut versuchen oder sie löschen, wenn kein tandem läuft',
    busy: 'ein anderes tandem {{command}} (Prozess {{pid}} auf {{host}}, seit {{since}}) schreibt in diesen Ausgabeordner; warten, bis es fertig ist, oder {{path}} löschen, wenn der Prozess nicht mehr läuft',
    taken: 'die Sperre {{path}} ließ sich nicht setzen; sie löschen, wenn kein tandem-Build läuft'
  },
  write: {
    folder: '{{path}}: an der Stelle dieser Datei steht ein Ordner',
    notFile: '{{path}}: an der Stelle dieser Datei steht etwas anderes als eine Datei',
    full: '{{path}}: der Datenträger ist voll ({{code}})',
    denied: '{{path}}: hier darf nicht geschrieben werden ({{code}})',
    system: '{{path}}: das System verweigerte das Schreiben ({{code}})'
  },
  frontmatter: {invalidYaml: 'ungültiges YAML im Vorspann: {{detail}}', invalidJson: 'ungültiges JSON im Vorspann: {{detail}}', invalidToml: 'ungültiges TOML im Vorspann: {{detail}}'},
  usage: {
    notInGit: '{{option}} mit einer Revision braucht den Eingabeordner in einem Git-Repository ({{dir}} liegt in keinem)',
    unknownRevision: 'unbekannte Git-Revision "{{rev}}" (ein Commit, Branch oder Tag des Repositorys in {{repository}})',
    initNotInGit: '{{dir}} liegt in keinem Git-Repository'
  },
  merge: {
    notTandem: '{{path}}: keine Datei, die tandem zusammenführt (sein Speicher, state.json oder ein Protokoll); unverändert',
    markers: '{{path}}:{{line}}: enthält Git-Konfliktmarkierungen; unverändert',
    threeWays: '{{path}}: „{{sentence}}“ ist auf einem Zweig zweifach übersetzt und auf dem anderen geändert: zuerst mit tandem resolve auf dem Zweig mit beiden Fassungen entscheiden, dann erneut zusammenführen; unverändert'
  }
}
