/*
 * data: what the gazetteer knows, as tables and no code: the countries and
 * territories with their names, demonyms, seats and abbreviations; more
 * names (states and provinces, names for two countries, blockers); the
 * regions and groups; the weak names and their rules; and the English
 * words the word splitter and the rules need.  Hand-written;
 * gazetteer_check() and tests/test_gazetteer.c verify them.
 *
 * Apart from the code so that the names can come from elsewhere (ICU and
 * iso-codes, in every language) without touching the matcher: index.c
 * reads these tables once; nothing else of them is compiled in.
 *
 * How names are written: '|' separates names.  Case matters the way a
 * reader's eye does: a word written with a capital ("Japan") matches only a
 * capitalised word in the text ("Japan", "JAPAN", not "japan"); a word
 * written in capitals ("US", "DPRK") matches only capitals; a word written
 * in lower case ("of", "sub") matches any case.  Accents are ignored, so
 * "Cote d'Ivoire" also matches "Côte d’Ivoire".  Hyphens, apostrophes and
 * spaces between words are interchangeable ("Guinea-Bissau" matches
 * "Guinea Bissau"), and "St" also matches "St.".
 *
 * Demonyms also match with a plural -s ("Russian", "Russians").
 * Seats are capitals and other places that stand for a government
 * ("Kremlin", "White House"); abbreviations are written in capitals.
 *
 * Left out on purpose: leaders (they change), organisations and ethnic
 * groups (Hamas, Kurds), and capitals whose name is more often something
 * else (Victoria, Kingston, Georgetown, Santiago, San Jose, Nassau, Male,
 * Sofia, Hamilton).
 *
 * DECISIONS (each is a row of the table in tests/test_gazetteer.c)
 *   - "America" is the US; "Latin America", "South America", "Central
 *     America" and "North America" are regions, and "the Americas" nothing.
 *   - "Korea" alone is South Korea; "North Korea"/"North Korean"/"DPRK"/
 *     "Pyongyang" are KP; "Korean Peninsula", "inter-Korean" and "the two
 *     Koreas" are both.
 *   - "Congo" alone is the Democratic Republic (CD), by far the more
 *     reported; "Republic of the Congo", "Congo-Brazzaville" and
 *     "Brazzaville" are CG.  "Dominican" is the Dominican Republic.
 *   - England, Scotland, Wales, Northern Ireland, Britain, British, Welsh,
 *     Scottish and "Scots" are GB; "English" is not (a language spoken
 *     everywhere).  Holland and Dutch are NL.  Irish is IE, Northern Irish GB.
 *   - Waters are not countries: "Indian Ocean", "South China Sea", "Sea of
 *     Japan", "Gulf of Mexico", "Taiwan Strait" count for nothing; "Persian
 *     Gulf" names the region "gulf", not Iran.
 *   - Demonyms count: "Russian-speaking" is RU, "Japanese" is JP.  Language
 *     communities that span continents do not: "Spanish-speaking",
 *     "French-speaking", "Portuguese-language".
 *   - Seats of government stand for their country: Beijing, Kyiv (and
 *     Kiev), Pyongyang, Kremlin, White House, Downing Street.  Brussels is the
 *     EU's seat: it gives the region european-union, not Belgium.  Jerusalem
 *     is IL, East Jerusalem PS.  Capitals that are more often something else
 *     are left out (Victoria, Kingston, Georgetown, Santiago, Sofia, Male).
 *   - Disputed and occupied areas count for the state the UN recognises:
 *     Crimea and Donbas UA, Abkhazia and South Ossetia GE, Transnistria MD,
 *     Tibet and Xinjiang CN, Northern Cyprus CY, Somaliland SO.  Gaza and the
 *     West Bank are PS.  Hong Kong (HK), Macau (MO) and Taiwan (TW) have
 *     codes of their own and do not add CN.
 *   - US states, Canadian provinces and Australian states count for their
 *     country (so "Indiana" is US, not India, and "New South Wales" AU, not
 *     GB).  Cities do not, except seats of government.
 *   - A place followed by ", <state or province>" is that town: "Moscow,
 *     Idaho" and "Paris, Texas" are US only; "Lebanon, Pennsylvania" too,
 *     unless the state opens a list ("Mexico, Texas and Arizona").
 *   - Regions are matched when named ("Indo-Pacific", "Middle East", "the
 *     Balkans", "EU", "NATO") and reported apart from countries; naming a
 *     region adds none of its members.
 *   - Leaders, organisations and ethnic groups are not in the tables: they
 *     change, or span countries.
 *
 * Weak names, the rules for them and how the matcher reads text are at the
 * top of match.c.
 */
#include "gazetteer_int.h"

#define UN  GAZETTEER_UN_MEMBER
#define OBS GAZETTEER_UN_OBSERVER
#define TER GAZETTEER_TERRITORY

/* code, name for lists, status, sovereign,
 *   names, demonyms, seats, abbreviations */
const struct gz_country_src gz_country_src[] = {
{ "AD", "Andorra", UN, NULL,
  "Andorra|Principality of Andorra", "Andorran", "Andorra la Vella", NULL },
{ "AE", "United Arab Emirates", UN, NULL,
  "United Arab Emirates|Emirates", "Emirati", "Abu Dhabi|Dubai",
  "UAE|U.A.E." },
{ "AF", "Afghanistan", UN, NULL,
  "Afghanistan|Islamic Emirate of Afghanistan|Islamic Republic of Afghanistan",
  "Afghan", "Kabul", NULL },
{ "AG", "Antigua and Barbuda", UN, NULL,
  "Antigua and Barbuda|Antigua|Barbuda", "Antiguan|Barbudan", NULL, NULL },
{ "AI", "Anguilla", TER, "GB", "Anguilla", "Anguillan", NULL, NULL },
{ "AL", "Albania", UN, NULL, "Albania", "Albanian", "Tirana|Tirane", NULL },
{ "AM", "Armenia", UN, NULL, "Armenia", "Armenian", "Yerevan", NULL },
{ "AO", "Angola", UN, NULL, "Angola", "Angolan", "Luanda", NULL },
{ "AR", "Argentina", UN, NULL, "Argentina|Argentine Republic",
  "Argentine|Argentinian|Argentinean", "Buenos Aires|Casa Rosada", NULL },
{ "AS", "American Samoa", TER, "US", "American Samoa", NULL, "Pago Pago",
  NULL },
{ "AT", "Austria", UN, NULL, "Austria", "Austrian", "Vienna", NULL },
{ "AU", "Australia", UN, NULL, "Australia|Commonwealth of Australia",
  "Australian|Aussie", "Canberra", NULL },
{ "AW", "Aruba", TER, "NL", "Aruba", "Aruban", "Oranjestad", NULL },
{ "AZ", "Azerbaijan", UN, NULL, "Azerbaijan|Nagorno-Karabakh|Karabakh",
  "Azerbaijani|Azeri", "Baku", NULL },
{ "BA", "Bosnia and Herzegovina", UN, NULL,
  "Bosnia and Herzegovina|Bosnia-Herzegovina|Bosnia|Herzegovina|"
  "Republika Srpska",
  "Bosnian|Herzegovinian|Bosniak", "Sarajevo", NULL },
{ "BB", "Barbados", UN, NULL, "Barbados", "Barbadian|Bajan", "Bridgetown",
  NULL },
{ "BD", "Bangladesh", UN, NULL, "Bangladesh", "Bangladeshi", "Dhaka|Dacca",
  NULL },
{ "BE", "Belgium", UN, NULL, "Belgium|Kingdom of Belgium", "Belgian", NULL,
  NULL },
{ "BF", "Burkina Faso", UN, NULL, "Burkina Faso|Burkina",
  "Burkinabe|Burkinabè", "Ouagadougou", NULL },
{ "BG", "Bulgaria", UN, NULL, "Bulgaria", "Bulgarian", NULL, NULL },
{ "BH", "Bahrain", UN, NULL, "Bahrain|Kingdom of Bahrain", "Bahraini",
  "Manama", NULL },
{ "BI", "Burundi", UN, NULL, "Burundi", "Burundian", "Gitega|Bujumbura",
  NULL },
{ "BJ", "Benin", UN, NULL, "Benin", "Beninese|Beninois",
  "Porto-Novo|Cotonou", NULL },
{ "BM", "Bermuda", TER, "GB", "Bermuda", "Bermudian|Bermudan", NULL, NULL },
{ "BN", "Brunei", UN, NULL, "Brunei|Brunei Darussalam", "Bruneian",
  "Bandar Seri Begawan", NULL },
{ "BO", "Bolivia", UN, NULL, "Bolivia|Plurinational State of Bolivia",
  "Bolivian", "La Paz|Sucre", NULL },
{ "BR", "Brazil", UN, NULL, "Brazil|Brasil", "Brazilian",
  "Brasilia|Planalto", NULL },
{ "BS", "Bahamas", UN, NULL, "Bahamas", "Bahamian", NULL, NULL },
{ "BT", "Bhutan", UN, NULL, "Bhutan", "Bhutanese", "Thimphu", NULL },
{ "BW", "Botswana", UN, NULL, "Botswana", "Motswana|Batswana|Botswanan",
  "Gaborone", NULL },
{ "BY", "Belarus", UN, NULL, "Belarus|Byelorussia|Belorussia",
  "Belarusian|Belarussian|Byelorussian", "Minsk", NULL },
{ "BZ", "Belize", UN, NULL, "Belize", "Belizean", "Belmopan", NULL },
{ "CA", "Canada", UN, NULL, "Canada", "Canadian", "Ottawa", NULL },
{ "CD", "DR Congo", UN, NULL,
  "Democratic Republic of the Congo|Democratic Republic of Congo|"
  "DR Congo|D.R. Congo|Congo-Kinshasa|Congo|Zaire",
  "Congolese", "Kinshasa", "DRC" },
{ "CF", "Central African Republic", UN, NULL, "Central African Republic",
  "Central African", "Bangui", NULL },
{ "CG", "Republic of the Congo", UN, NULL,
  "Republic of the Congo|Republic of Congo|Congo Republic|Congo-Brazzaville",
  NULL, "Brazzaville", NULL },
{ "CH", "Switzerland", UN, NULL, "Switzerland|Swiss Confederation", "Swiss",
  "Bern|Berne", NULL },
{ "CI", "Côte d'Ivoire", UN, NULL, "Cote d'Ivoire|Ivory Coast",
  "Ivorian|Ivoirian", "Yamoussoukro|Abidjan", NULL },
{ "CK", "Cook Islands", TER, "NZ", "Cook Islands", "Cook Islander",
  "Avarua", NULL },
{ "CL", "Chile", UN, NULL, "Chile", "Chilean", "La Moneda", NULL },
{ "CM", "Cameroon", UN, NULL, "Cameroon", "Cameroonian", "Yaounde", NULL },
{ "CN", "China", UN, NULL,
  "China|People's Republic of China|Tibet|Xinjiang",
  "Chinese|Tibetan", "Beijing|Zhongnanhai", "PRC|P.R.C." },
{ "CO", "Colombia", UN, NULL, "Colombia", "Colombian", "Bogota", NULL },
{ "CR", "Costa Rica", UN, NULL, "Costa Rica", "Costa Rican", NULL, NULL },
{ "CU", "Cuba", UN, NULL, "Cuba", "Cuban", "Havana", NULL },
{ "CV", "Cabo Verde", UN, NULL, "Cabo Verde|Cape Verde",
  "Cape Verdean|Cabo Verdean", "Praia", NULL },
{ "CW", "Curaçao", TER, "NL", "Curacao", NULL, "Willemstad", NULL },
{ "CY", "Cyprus", UN, NULL, "Cyprus|Northern Cyprus",
  "Cypriot|Greek Cypriot|Turkish Cypriot", "Nicosia", NULL },
{ "CZ", "Czechia", UN, NULL, "Czech Republic|Czechia", "Czech", "Prague",
  NULL },
{ "DE", "Germany", UN, NULL, "Germany|Federal Republic of Germany", "German",
  "Berlin|Bundestag|Bundeswehr", NULL },
{ "DJ", "Djibouti", UN, NULL, "Djibouti", "Djiboutian", NULL, NULL },
{ "DK", "Denmark", UN, NULL, "Denmark", "Danish|Dane", "Copenhagen", NULL },
{ "DM", "Dominica", UN, NULL, "Dominica|Commonwealth of Dominica", NULL,
  "Roseau", NULL },
{ "DO", "Dominican Republic", UN, NULL, "Dominican Republic", "Dominican",
  "Santo Domingo", NULL },
{ "DZ", "Algeria", UN, NULL, "Algeria", "Algerian", "Algiers", NULL },
{ "EC", "Ecuador", UN, NULL, "Ecuador", "Ecuadorian|Ecuadorean", "Quito",
  NULL },
{ "EE", "Estonia", UN, NULL, "Estonia", "Estonian", "Tallinn", NULL },
{ "EG", "Egypt", UN, NULL, "Egypt", "Egyptian", "Cairo", NULL },
{ "EH", "Western Sahara", TER, NULL, "Western Sahara", "Sahrawi|Saharawi",
  "Laayoune", NULL },
{ "ER", "Eritrea", UN, NULL, "Eritrea", "Eritrean", "Asmara", NULL },
{ "ES", "Spain", UN, NULL, "Spain|Kingdom of Spain", "Spanish|Spaniard",
  "Madrid|Moncloa", NULL },
{ "ET", "Ethiopia", UN, NULL, "Ethiopia|Tigray", "Ethiopian|Tigrayan",
  "Addis Ababa", NULL },
{ "FI", "Finland", UN, NULL, "Finland", "Finnish|Finns", "Helsinki", NULL },
{ "FJ", "Fiji", UN, NULL, "Fiji", "Fijian", "Suva", NULL },
{ "FK", "Falkland Islands", TER, "GB",
  "Falkland Islands|Falklands|Malvinas|Islas Malvinas", "Falkland Islander",
  NULL, NULL },
{ "FM", "Micronesia", UN, NULL,
  "Federated States of Micronesia|Micronesia", "Micronesian", "Palikir",
  NULL },
{ "FO", "Faroe Islands", TER, "DK", "Faroe Islands|Faroes|Faeroe Islands",
  "Faroese", "Torshavn", NULL },
{ "FR", "France", UN, NULL, "France|French Republic",
  "French|Frenchman|Frenchmen|Frenchwoman|Frenchwomen",
  "Paris|Elysee|Elysee Palace|Quai d'Orsay", NULL },
{ "GA", "Gabon", UN, NULL, "Gabon", "Gabonese", "Libreville", NULL },
{ "GB", "United Kingdom", UN, NULL,
  "United Kingdom|United Kingdom of Great Britain and Northern Ireland|"
  "Great Britain|Britain|England|Scotland|Wales|Northern Ireland",
  "British|Briton|Brit|Scottish|Scot|Welsh|Northern Irish",
  "London|Downing Street|Whitehall|Westminster", "UK|U.K." },
{ "GD", "Grenada", UN, NULL, "Grenada", "Grenadian", NULL, NULL },
{ "GE", "Georgia", UN, NULL,
  "Georgia|Republic of Georgia|Abkhazia|South Ossetia", "Georgian",
  "Tbilisi", NULL },
{ "GF", "French Guiana", TER, "FR", "French Guiana|Guyane", NULL, NULL,
  NULL },
{ "GG", "Guernsey", TER, "GB", "Guernsey|Bailiwick of Guernsey", NULL,
  "St Peter Port", NULL },
{ "GH", "Ghana", UN, NULL, "Ghana", "Ghanaian", "Accra", NULL },
{ "GI", "Gibraltar", TER, "GB", "Gibraltar", "Gibraltarian", NULL, NULL },
{ "GL", "Greenland", TER, "DK", "Greenland", "Greenlandic|Greenlander",
  "Nuuk", NULL },
{ "GM", "Gambia", UN, NULL, "Gambia|The Gambia", "Gambian", "Banjul", NULL },
{ "GN", "Guinea", UN, NULL, "Guinea|Guinea-Conakry", "Guinean", "Conakry",
  NULL },
{ "GP", "Guadeloupe", TER, "FR", "Guadeloupe", NULL, NULL, NULL },
{ "GQ", "Equatorial Guinea", UN, NULL, "Equatorial Guinea",
  "Equatorial Guinean|Equatoguinean", "Malabo", NULL },
{ "GR", "Greece", UN, NULL, "Greece|Hellenic Republic", "Greek|Hellenic",
  "Athens", NULL },
{ "GT", "Guatemala", UN, NULL, "Guatemala", "Guatemalan", "Guatemala City",
  NULL },
{ "GU", "Guam", TER, "US", "Guam", "Guamanian", "Hagatna", NULL },
{ "GW", "Guinea-Bissau", UN, NULL, "Guinea-Bissau", "Bissau-Guinean",
  "Bissau", NULL },
{ "GY", "Guyana", UN, NULL, "Guyana", "Guyanese", NULL, NULL },
{ "HK", "Hong Kong", TER, "CN", "Hong Kong", "Hongkonger|Hong Konger", NULL,
  NULL },
{ "HN", "Honduras", UN, NULL, "Honduras", "Honduran", "Tegucigalpa", NULL },
{ "HR", "Croatia", UN, NULL, "Croatia", "Croatian|Croat", "Zagreb", NULL },
{ "HT", "Haiti", UN, NULL, "Haiti", "Haitian", "Port-au-Prince", NULL },
{ "HU", "Hungary", UN, NULL, "Hungary", "Hungarian", "Budapest", NULL },
{ "ID", "Indonesia", UN, NULL, "Indonesia", "Indonesian", "Jakarta", NULL },
{ "IE", "Ireland", UN, NULL, "Ireland|Republic of Ireland|Eire", "Irish",
  "Dublin", NULL },
{ "IL", "Israel", UN, NULL, "Israel|State of Israel", "Israeli",
  "Jerusalem|Tel Aviv|Knesset", NULL },
{ "IM", "Isle of Man", TER, "GB", "Isle of Man", "Manx", NULL, NULL },
{ "IN", "India", UN, NULL, "India|Republic of India|Bharat", "Indian",
  "New Delhi|Delhi", NULL },
{ "IQ", "Iraq", UN, NULL, "Iraq", "Iraqi", "Baghdad", NULL },
{ "IR", "Iran", UN, NULL,
  "Iran|Islamic Republic of Iran|Islamic Republic|Persia", "Iranian",
  "Tehran|Teheran", NULL },
{ "IS", "Iceland", UN, NULL, "Iceland", "Icelandic|Icelander", "Reykjavik",
  NULL },
{ "IT", "Italy", UN, NULL, "Italy|Italian Republic", "Italian",
  "Rome|Palazzo Chigi", NULL },
{ "JE", "Jersey", TER, "GB", "Jersey|Bailiwick of Jersey", NULL,
  "St Helier|Saint Helier", NULL },
{ "JM", "Jamaica", UN, NULL, "Jamaica", "Jamaican", NULL, NULL },
{ "JO", "Jordan", UN, NULL, "Jordan|Hashemite Kingdom of Jordan",
  "Jordanian", "Amman", NULL },
{ "JP", "Japan", UN, NULL, "Japan", "Japanese", "Tokyo", NULL },
{ "KE", "Kenya", UN, NULL, "Kenya", "Kenyan", "Nairobi", NULL },
{ "KG", "Kyrgyzstan", UN, NULL, "Kyrgyzstan|Kyrgyz Republic|Kirghizia",
  "Kyrgyz|Kirghiz", "Bishkek", NULL },
{ "KH", "Cambodia", UN, NULL, "Cambodia|Kampuchea", "Cambodian",
  "Phnom Penh", NULL },
{ "KI", "Kiribati", UN, NULL, "Kiribati", "I-Kiribati", "Tarawa", NULL },
{ "KM", "Comoros", UN, NULL, "Comoros|Union of the Comoros",
  "Comorian|Comoran", "Moroni", NULL },
{ "KN", "Saint Kitts and Nevis", UN, NULL,
  "Saint Kitts and Nevis|St Kitts and Nevis|Saint Kitts|St Kitts|Nevis",
  "Kittitian|Nevisian", "Basseterre", NULL },
{ "KP", "North Korea", UN, NULL,
  "North Korea|Democratic People's Republic of Korea", "North Korean",
  "Pyongyang", "DPRK" },
{ "KR", "South Korea", UN, NULL, "South Korea|Republic of Korea|Korea",
  "South Korean|Korean", "Seoul", "ROK" },
{ "KW", "Kuwait", UN, NULL, "Kuwait|State of Kuwait", "Kuwaiti",
  "Kuwait City", NULL },
{ "KY", "Cayman Islands", TER, "GB", "Cayman Islands|Caymans|Cayman",
  "Caymanian", "George Town", NULL },
{ "KZ", "Kazakhstan", UN, NULL, "Kazakhstan", "Kazakh|Kazakhstani",
  "Astana|Nur-Sultan", NULL },
{ "LA", "Laos", UN, NULL,
  "Laos|Lao PDR|Lao People's Democratic Republic", "Lao|Laotian",
  "Vientiane", NULL },
{ "LB", "Lebanon", UN, NULL, "Lebanon", "Lebanese", "Beirut", NULL },
{ "LC", "Saint Lucia", UN, NULL, "Saint Lucia|St Lucia",
  "Saint Lucian|St Lucian", "Castries", NULL },
{ "LI", "Liechtenstein", UN, NULL, "Liechtenstein", "Liechtensteiner",
  "Vaduz", NULL },
{ "LK", "Sri Lanka", UN, NULL, "Sri Lanka|Ceylon", "Sri Lankan", "Colombo",
  NULL },
{ "LR", "Liberia", UN, NULL, "Liberia", "Liberian", "Monrovia", NULL },
{ "LS", "Lesotho", UN, NULL, "Lesotho", "Basotho|Mosotho", "Maseru", NULL },
{ "LT", "Lithuania", UN, NULL, "Lithuania", "Lithuanian", "Vilnius", NULL },
{ "LU", "Luxembourg", UN, NULL, "Luxembourg|Grand Duchy of Luxembourg",
  "Luxembourgish|Luxembourger", NULL, NULL },
{ "LV", "Latvia", UN, NULL, "Latvia", "Latvian", "Riga", NULL },
{ "LY", "Libya", UN, NULL, "Libya", "Libyan", "Tripoli", NULL },
{ "MA", "Morocco", UN, NULL, "Morocco|Kingdom of Morocco", "Moroccan",
  "Rabat", NULL },
{ "MC", "Monaco", UN, NULL, "Monaco|Principality of Monaco",
  "Monegasque", NULL, NULL },
{ "MD", "Moldova", UN, NULL, "Moldova|Republic of Moldova|Transnistria",
  "Moldovan", "Chisinau", NULL },
{ "ME", "Montenegro", UN, NULL, "Montenegro", "Montenegrin", "Podgorica",
  NULL },
{ "MG", "Madagascar", UN, NULL, "Madagascar", "Malagasy", "Antananarivo",
  NULL },
{ "MH", "Marshall Islands", UN, NULL, "Marshall Islands", "Marshallese",
  "Majuro", NULL },
{ "MK", "North Macedonia", UN, NULL, "North Macedonia|Macedonia",
  "North Macedonian|Macedonian", "Skopje", NULL },
{ "ML", "Mali", UN, NULL, "Mali", "Malian", "Bamako", NULL },
{ "MM", "Myanmar", UN, NULL, "Myanmar|Burma", "Burmese",
  "Naypyidaw|Naypyitaw|Nay Pyi Taw|Yangon|Rangoon", NULL },
{ "MN", "Mongolia", UN, NULL, "Mongolia", "Mongolian",
  "Ulaanbaatar|Ulan Bator", NULL },
{ "MO", "Macau", TER, "CN", "Macau|Macao", "Macanese", NULL, NULL },
{ "MP", "Northern Mariana Islands", TER, "US",
  "Northern Mariana Islands|Northern Marianas", NULL, "Saipan", NULL },
{ "MQ", "Martinique", TER, "FR", "Martinique", NULL, NULL, NULL },
{ "MR", "Mauritania", UN, NULL,
  "Mauritania|Islamic Republic of Mauritania", "Mauritanian", "Nouakchott",
  NULL },
{ "MS", "Montserrat", TER, "GB", "Montserrat", NULL, NULL, NULL },
{ "MT", "Malta", UN, NULL, "Malta", "Maltese", "Valletta", NULL },
{ "MU", "Mauritius", UN, NULL, "Mauritius", "Mauritian", "Port Louis", NULL },
{ "MV", "Maldives", UN, NULL, "Maldives", "Maldivian", NULL, NULL },
{ "MW", "Malawi", UN, NULL, "Malawi", "Malawian", "Lilongwe", NULL },
{ "MX", "Mexico", UN, NULL, "Mexico|United Mexican States", "Mexican",
  "Mexico City", NULL },
{ "MY", "Malaysia", UN, NULL, "Malaysia", "Malaysian",
  "Kuala Lumpur|Putrajaya", NULL },
{ "MZ", "Mozambique", UN, NULL, "Mozambique", "Mozambican", "Maputo", NULL },
{ "NA", "Namibia", UN, NULL, "Namibia", "Namibian", "Windhoek", NULL },
{ "NC", "New Caledonia", TER, "FR", "New Caledonia", "New Caledonian",
  "Noumea", NULL },
{ "NE", "Niger", UN, NULL, "Niger", "Nigerien", "Niamey", NULL },
{ "NG", "Nigeria", UN, NULL, "Nigeria|Niger Delta", "Nigerian", "Abuja",
  NULL },
{ "NI", "Nicaragua", UN, NULL, "Nicaragua", "Nicaraguan", "Managua", NULL },
{ "NL", "Netherlands", UN, NULL, "Netherlands|Holland",
  "Dutch|Dutchman|Dutchmen", "Amsterdam|Hague", NULL },
{ "NO", "Norway", UN, NULL, "Norway", "Norwegian", "Oslo", NULL },
{ "NP", "Nepal", UN, NULL, "Nepal", "Nepali|Nepalese", "Kathmandu", NULL },
{ "NR", "Nauru", UN, NULL, "Nauru", "Nauruan", "Yaren", NULL },
{ "NU", "Niue", TER, "NZ", "Niue", "Niuean", NULL, NULL },
{ "NZ", "New Zealand", UN, NULL, "New Zealand|Aotearoa", "New Zealander",
  "Wellington", "NZ" },
{ "OM", "Oman", UN, NULL, "Oman|Sultanate of Oman", "Omani", "Muscat",
  NULL },
{ "PA", "Panama", UN, NULL, "Panama", "Panamanian", "Panama City", NULL },
{ "PE", "Peru", UN, NULL, "Peru", "Peruvian", "Lima", NULL },
{ "PF", "French Polynesia", TER, "FR", "French Polynesia|Tahiti",
  "Tahitian", "Papeete", NULL },
{ "PG", "Papua New Guinea", UN, NULL, "Papua New Guinea",
  "Papua New Guinean", "Port Moresby", NULL },
{ "PH", "Philippines", UN, NULL, "Philippines",
  "Filipino|Filipina|Philippine", "Manila|Malacanang", NULL },
{ "PK", "Pakistan", UN, NULL, "Pakistan|Islamic Republic of Pakistan",
  "Pakistani", "Islamabad", NULL },
{ "PL", "Poland", UN, NULL, "Poland", "Polish|Pole", "Warsaw", NULL },
{ "PR", "Puerto Rico", TER, "US", "Puerto Rico", "Puerto Rican", NULL,
  NULL },
{ "PS", "Palestine", OBS, NULL,
  "Palestine|State of Palestine|Palestinian territories|"
  "occupied Palestinian territories|Gaza|Gaza Strip|West Bank|East Jerusalem",
  "Palestinian|Gazan", "Ramallah", NULL },
{ "PT", "Portugal", UN, NULL, "Portugal", "Portuguese", "Lisbon", NULL },
{ "PW", "Palau", UN, NULL, "Palau", "Palauan", "Ngerulmud|Melekeok", NULL },
{ "PY", "Paraguay", UN, NULL, "Paraguay", "Paraguayan", "Asuncion", NULL },
{ "QA", "Qatar", UN, NULL, "Qatar|State of Qatar", "Qatari", "Doha", NULL },
{ "RO", "Romania", UN, NULL, "Romania", "Romanian", "Bucharest", NULL },
{ "RS", "Serbia", UN, NULL, "Serbia", "Serbian|Serb", "Belgrade", NULL },
{ "RU", "Russia", UN, NULL, "Russia|Russian Federation|Chechnya",
  "Russian", "Moscow|Kremlin", NULL },
{ "RW", "Rwanda", UN, NULL, "Rwanda", "Rwandan", "Kigali", NULL },
{ "SA", "Saudi Arabia", UN, NULL, "Saudi Arabia|Kingdom of Saudi Arabia",
  "Saudi", "Riyadh", "KSA" },
{ "SB", "Solomon Islands", UN, NULL, "Solomon Islands|Solomons",
  "Solomon Islander", "Honiara", NULL },
{ "SC", "Seychelles", UN, NULL, "Seychelles", "Seychellois", NULL, NULL },
{ "SD", "Sudan", UN, NULL, "Sudan|Darfur", "Sudanese",
  "Khartoum|Port Sudan", NULL },
{ "SE", "Sweden", UN, NULL, "Sweden", "Swedish|Swede", "Stockholm", NULL },
{ "SG", "Singapore", UN, NULL, "Singapore", "Singaporean", NULL, NULL },
{ "SI", "Slovenia", UN, NULL, "Slovenia", "Slovenian|Slovene", "Ljubljana",
  NULL },
{ "SK", "Slovakia", UN, NULL, "Slovakia|Slovak Republic",
  "Slovak|Slovakian", "Bratislava", NULL },
{ "SL", "Sierra Leone", UN, NULL, "Sierra Leone", "Sierra Leonean",
  "Freetown", NULL },
{ "SM", "San Marino", UN, NULL, "San Marino", "Sammarinese", NULL, NULL },
{ "SN", "Senegal", UN, NULL, "Senegal", "Senegalese", "Dakar", NULL },
{ "SO", "Somalia", UN, NULL, "Somalia|Somaliland|Puntland", "Somali",
  "Mogadishu|Hargeisa", NULL },
{ "SR", "Suriname", UN, NULL, "Suriname|Surinam", "Surinamese",
  "Paramaribo", NULL },
{ "SS", "South Sudan", UN, NULL, "South Sudan", "South Sudanese", "Juba",
  NULL },
{ "ST", "São Tomé and Príncipe", UN, NULL,
  "Sao Tome and Principe|Sao Tome", "Santomean", NULL, NULL },
{ "SV", "El Salvador", UN, NULL, "El Salvador", "Salvadoran|Salvadorean",
  "San Salvador", NULL },
{ "SY", "Syria", UN, NULL, "Syria|Syrian Arab Republic", "Syrian",
  "Damascus", NULL },
{ "SZ", "Eswatini", UN, NULL, "Eswatini|Swaziland", "Swazi",
  "Mbabane|Lobamba", NULL },
{ "TC", "Turks and Caicos Islands", TER, "GB",
  "Turks and Caicos Islands|Turks and Caicos", NULL, NULL, NULL },
{ "TD", "Chad", UN, NULL, "Chad", "Chadian", "N'Djamena|Ndjamena", NULL },
{ "TG", "Togo", UN, NULL, "Togo", "Togolese", "Lome", NULL },
{ "TH", "Thailand", UN, NULL, "Thailand", "Thai", "Bangkok", NULL },
{ "TJ", "Tajikistan", UN, NULL, "Tajikistan", "Tajik|Tajikistani",
  "Dushanbe", NULL },
{ "TL", "Timor-Leste", UN, NULL, "Timor-Leste|East Timor",
  "Timorese|East Timorese", "Dili", NULL },
{ "TM", "Turkmenistan", UN, NULL, "Turkmenistan", "Turkmen",
  "Ashgabat|Ashkhabad", NULL },
{ "TN", "Tunisia", UN, NULL, "Tunisia", "Tunisian", "Tunis", NULL },
{ "TO", "Tonga", UN, NULL, "Tonga", "Tongan", "Nuku'alofa", NULL },
{ "TR", "Turkey", UN, NULL, "Turkey|Turkiye", "Turkish|Turk", "Ankara",
  NULL },
{ "TT", "Trinidad and Tobago", UN, NULL,
  "Trinidad and Tobago|Trinidad|Tobago", "Trinidadian|Tobagonian",
  "Port of Spain", NULL },
{ "TV", "Tuvalu", UN, NULL, "Tuvalu", "Tuvaluan", "Funafuti", NULL },
{ "TW", "Taiwan", TER, NULL,
  "Taiwan|Republic of China|Chinese Taipei|Formosa", "Taiwanese", "Taipei",
  NULL },
{ "TZ", "Tanzania", UN, NULL, "Tanzania", "Tanzanian",
  "Dodoma|Dar es Salaam", NULL },
{ "UA", "Ukraine", UN, NULL,
  "Ukraine|Crimea|Donbas|Donbass|Donetsk|Luhansk|Lugansk",
  "Ukrainian|Crimean", "Kyiv|Kiev", NULL },
{ "UG", "Uganda", UN, NULL, "Uganda", "Ugandan", "Kampala", NULL },
{ "US", "United States", UN, NULL,
  "United States|United States of America|America",
  "American", "Washington|Washington DC|White House|Pentagon|Capitol Hill",
  "US|U.S.|USA|U.S.A." },
{ "UY", "Uruguay", UN, NULL, "Uruguay", "Uruguayan", "Montevideo", NULL },
{ "UZ", "Uzbekistan", UN, NULL, "Uzbekistan", "Uzbek|Uzbekistani",
  "Tashkent", NULL },
{ "VA", "Holy See", OBS, NULL, "Holy See|Vatican|Vatican City", NULL, NULL,
  NULL },
{ "VC", "Saint Vincent and the Grenadines", UN, NULL,
  "Saint Vincent and the Grenadines|St Vincent and the Grenadines|"
  "Saint Vincent|St Vincent", "Vincentian", "Kingstown", NULL },
{ "VE", "Venezuela", UN, NULL, "Venezuela", "Venezuelan", "Caracas", NULL },
{ "VG", "British Virgin Islands", TER, "GB", "British Virgin Islands", NULL,
  "Road Town", "BVI" },
{ "VI", "US Virgin Islands", TER, "US",
  "US Virgin Islands|United States Virgin Islands|Virgin Islands", NULL,
  "Charlotte Amalie", "USVI" },
{ "VN", "Vietnam", UN, NULL, "Vietnam|Viet Nam", "Vietnamese", "Hanoi",
  NULL },
{ "VU", "Vanuatu", UN, NULL, "Vanuatu", "Ni-Vanuatu", "Port Vila", NULL },
{ "WS", "Samoa", UN, NULL, "Samoa", "Samoan", "Apia", NULL },
{ "XK", "Kosovo", TER, NULL, "Kosovo", "Kosovar|Kosovan",
  "Pristina|Prishtina", NULL },
{ "YE", "Yemen", UN, NULL, "Yemen", "Yemeni", "Sanaa|Sana'a", NULL },
{ "YT", "Mayotte", TER, "FR", "Mayotte", NULL, "Mamoudzou", NULL },
{ "ZA", "South Africa", UN, NULL, "South Africa|Republic of South Africa",
  "South African", "Pretoria|Cape Town", NULL },
{ "ZM", "Zambia", UN, NULL, "Zambia", "Zambian", "Lusaka", NULL },
{ "ZW", "Zimbabwe", UN, NULL, "Zimbabwe", "Zimbabwean", "Harare", NULL },
};

#undef UN
#undef OBS
#undef TER

/*
 * More names.  GZK_SUBDIV: states and provinces; they count for their
 * country and tell "Moscow, Idaho" from Moscow.  GZK_NAME with several codes:
 * names for more than one country.  GZK_BLOCKER: text that contains a
 * country's name but does not mean the country; it consumes the words, so
 * the shorter name inside never matches.  claims names a weak name (see
 * gz_rule_src) that the text is then taken to use in its other sense.
 */
const struct gz_extra_src gz_extra_src[] = {
/* US states (Georgia and Washington are weak names with rules below) */
{ GZK_SUBDIV, "US",
  "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|"
  "Delaware|Florida|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|"
  "Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|"
  "Missouri|Montana|Nebraska|Nevada|New Hampshire|New Mexico|New York|"
  "North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|"
  "Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|"
  "Virginia|West Virginia|Wisconsin|Wyoming|District of Columbia|"
  "New England", NULL },
{ GZK_SUBDIV, "US", "New Jersey", "Jersey" },
{ GZK_SUBDIV, "CA",
  "Ontario|Quebec|British Columbia|Alberta|Manitoba|Saskatchewan|"
  "Nova Scotia|New Brunswick|Newfoundland|Newfoundland and Labrador|"
  "Prince Edward Island|Yukon|Nunavut|Northwest Territories", NULL },
{ GZK_SUBDIV, "AU",
  "New South Wales|Queensland|Tasmania|South Australia|"
  "Western Australia|Australian Capital Territory", NULL },
/* names for two countries */
{ GZK_NAME, "KR KP", "Korean Peninsula|Korean peninsula|inter-Korean|Koreas",
  NULL },
{ GZK_NAME, "CN TW", "cross-Strait|Cross-Strait", NULL },
/* prefixes of compounds: Sino-Japanese, Russo-Ukrainian, Indo-Pakistani */
{ GZK_NAME, "CN", "Sino|mainland China", NULL },
{ GZK_NAME, "RU", "Russo", NULL },
{ GZK_NAME, "IN", "Indo", NULL },
{ GZK_NAME, "US", "American Indian|African American|Asian American|"
  "Native American", NULL },
/* waters named after a country are not the country */
{ GZK_BLOCKER, NULL,
  "Indian Ocean|South China Sea|East China Sea|Sea of Japan|Gulf of Mexico|"
  "Gulf of America|Gulf of Guinea|Gulf of Oman|Gulf of Thailand|"
  "Gulf of Finland|Irish Sea|Philippine Sea|Taiwan Strait|Korea Strait|"
  "Norwegian Sea|Strait of Gibraltar|Niger River|Jordan River|Lake Chad|"
  "Strait of Georgia|Georgia Strait", NULL },
/* islands and places that are not the country */
{ GZK_BLOCKER, NULL,
  "New Guinea|South Georgia|North Pole|South Pole|Bermuda Triangle", NULL },
/* language communities span many countries */
{ GZK_BLOCKER, NULL,
  "Spanish-speaking|Spanish-language|French-speaking|French-language|"
  "Portuguese-speaking|Portuguese-language|Indo-European|Indo-Aryan", NULL },
/* things named after a place */
{ GZK_BLOCKER, NULL,
  "Turkish delight|Turkish coffee|Turkish bath|Turkish baths|"
  "French fries|French fry|French toast|French kiss|French press|"
  "French horn|French bulldog|French doors|French braid|"
  "Swiss cheese|Swiss roll|Swiss army knife|Swiss Army knife|"
  "Danish pastry|Danish pastries|Great Dane|Great Danes|"
  "Dutch oven|Dutch courage|Dutch auction|"
  "Brussels sprout|Brussels sprouts|Spanish flu|"
  "Chinese checkers|Chinese whispers|Irish coffee|"
  "German shepherd|German measles|Belgian waffle|Belgian waffles|"
  "Afghan hound|Afghan hounds|Panama hat|Panama hats|Brazil nut|"
  "Brazil nuts|Canadian bacon|Mexican wave|Egyptian cotton|Indian summer|"
  "Guinea pig|Guinea pigs|Guinea fowl|Jersey cow|Jersey cows|"
  "Turkey vulture|Turkey vultures", NULL },
/* treaties and clubs named after a capital */
{ GZK_BLOCKER, NULL,
  "Paris Agreement|Paris agreement|Paris Accord|Paris accord|"
  "Paris Accords|Paris climate|Paris Club|Rome Statute|"
  "Vienna Convention|Vienna Conventions", NULL },
/* newspapers named after a city */
{ GZK_BLOCKER, NULL,
  "New York Times|New York Post|South China Morning Post", NULL },
{ GZK_BLOCKER, NULL, "Washington Post|Washington Times|Washington Examiner",
  NULL },
{ GZK_BLOCKER, NULL, "Jersey City|Jersey Shore", "Jersey" },
{ GZK_BLOCKER, NULL, "Georgia Tech|Georgia State University", "Georgia" },
};

/*
 * Regions and groups: key, label, member codes, names matched in text.
 * Memberships as of 2025.  Brussels stands for the EU, not Belgium.
 */
const struct gz_region_src gz_region_src[] = {
{ "africa", "Africa",
  "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW KE "
  "KM LR LS LY MA MG ML MR MU MW MZ NA NE NG RW SC SD SL SN SO SS ST SZ TD "
  "TG TN TZ UG YT ZA ZM ZW",
  "Africa|African|Africans|African Union" },
{ "asia", "Asia",
  "AF BD BN BT CN HK ID IN JP KG KH KP KR KZ LA LK MM MN MO MV MY NP PH PK "
  "SG TH TJ TL TM TW UZ VN",
  "Asia|Asian|Asians" },
{ "asia-pacific", "Asia-Pacific",
  "AU BD BN CK CN FJ FM HK ID IN JP KH KI KP KR LA LK MH MM MN MO MY NC NP "
  "NR NU NZ PF PG PH PW SB SG TH TL TO TV TW VN VU WS",
  "Asia-Pacific|APAC" },
{ "aukus", "AUKUS", "AU GB US", "AUKUS|Aukus" },
{ "balkans", "Balkans", "AL BA BG HR ME MK RS SI XK",
  "Balkans|Balkan|Western Balkans|western Balkans" },
{ "baltics", "Baltic states", "EE LT LV",
  "Baltic states|Baltic States|Baltics|Baltic countries|Baltic nations" },
{ "brics", "BRICS", "AE BR CN EG ET ID IN IR RU ZA", "BRICS|Brics" },
{ "caribbean", "Caribbean",
  "AG AI AW BB BS CU CW DM DO GD GP HT JM KN KY LC MQ MS PR TC TT VC VG VI",
  "Caribbean|West Indies|West Indian|CARICOM|Caricom" },
{ "caucasus", "Caucasus", "AM AZ GE",
  "Caucasus|South Caucasus|North Caucasus|Transcaucasia" },
{ "central-africa", "Central Africa", "CD CF CG CM GA GQ ST TD",
  "Central Africa|central Africa" },
{ "central-america", "Central America", "BZ CR GT HN NI PA SV",
  "Central America|Central American|Central Americans" },
{ "central-asia", "Central Asia", "KG KZ TJ TM UZ",
  "Central Asia|Central Asian|Central Asians" },
{ "east-africa", "East Africa", "BI DJ ER ET KE RW SO SS TZ UG",
  "East Africa|East African|eastern Africa" },
{ "east-asia", "East Asia", "CN HK JP KP KR MN MO TW",
  "East Asia|East Asian|Northeast Asia|Northeast Asian|North East Asia|"
  "Far East" },
{ "eastern-europe", "Eastern Europe", "BG BY CZ EE HU LT LV MD PL RO RU SK UA",
  "eastern Europe|eastern European|central and eastern Europe|CEE" },
{ "europe", "Europe",
  "AD AL AT BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE "
  "IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SK SM "
  "UA VA XK",
  "Europe|European|Europeans|Council of Europe" },
{ "european-union", "European Union",
  "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO "
  "SE SI SK",
  "European Union|EU|E.U.|Brussels|European Commission|European Parliament|"
  "European Council|Council of the European Union|Council of the EU|"
  "Eurozone|eurozone|euro zone|euro area|ENISA|Europol|European Central Bank" },
{ "five-eyes", "Five Eyes", "AU CA GB NZ US", "Five Eyes|FVEY" },
{ "g20", "G20",
  "AR AU BR CA CN DE FR GB ID IN IT JP KR MX RU SA TR US ZA",
  "G20|G 20|Group of 20|Group of Twenty" },
{ "g7", "G7", "CA DE FR GB IT JP US", "G7|G 7|Group of Seven" },
{ "gulf", "Gulf states", "AE BH KW OM QA SA",
  "Gulf states|Gulf States|Gulf countries|Gulf Arab|Gulf Arab states|"
  "Gulf Cooperation Council|GCC|Persian Gulf|Arabian Gulf" },
{ "horn-of-africa", "Horn of Africa", "DJ ER ET SO", "Horn of Africa" },
{ "indo-pacific", "Indo-Pacific",
  "AU BD BN CN FJ FM ID IN JP KH KI KP KR LA LK MH MM MN MV MY NP NR NZ PG "
  "PH PW SB SG TH TL TO TV TW VN VU WS",
  "Indo-Pacific" },
{ "latin-america", "Latin America",
  "AR BO BR CL CO CR CU DO EC GT HN HT MX NI PA PE PR PY SV UY VE",
  "Latin America|Latin American|Latin Americans|LatAm" },
{ "mena", "Middle East and North Africa",
  "AE BH DZ EG EH IL IQ IR JO KW LB LY MA OM PS QA SA SY TN YE",
  "MENA|Middle East and North Africa" },
{ "middle-east", "Middle East",
  "AE BH CY EG IL IQ IR JO KW LB OM PS QA SA SY TR YE",
  "Middle East|Middle Eastern|Mideast|Near East|Levant|West Asia|"
  "Western Asia" },
{ "nato", "NATO",
  "AL BE BG CA CZ DE DK EE ES FI FR GB GR HR HU IS IT LT LU LV ME MK NL NO "
  "PL PT RO SE SI SK TR US",
  "Nato|North Atlantic Treaty Organization|North Atlantic Treaty Organisation|"
  "North Atlantic Alliance|Atlantic Alliance|Atlantic alliance" },
{ "nordics", "Nordic countries", "DK FI FO GL IS NO SE",
  "Nordic|Nordics|Nordic countries|Scandinavia|Scandinavian|Scandinavians" },
{ "north-africa", "North Africa", "DZ EG EH LY MA SD TN",
  "North Africa|North African|northern Africa|Maghreb" },
{ "north-america", "North America", "CA MX US",
  "North America|North American|North Americans" },
{ "oceania", "Oceania and the Pacific Islands",
  "AS AU CK FJ FM GU KI MH MP NC NR NU NZ PF PG PW SB TO TV VU WS",
  "Oceania|Pacific Islands|Pacific islands|Pacific island|Pacific Island|"
  "Pacific Island nations|Pacific Islanders|South Pacific|Melanesia|"
  "Polynesia|Pacific Islands Forum" },
{ "sahel", "Sahel", "BF ML MR NE TD", "Sahel|Sahelian" },
{ "south-america", "South America",
  "AR BO BR CL CO EC FK GF GY PE PY SR UY VE",
  "South America|South American|South Americans" },
{ "south-asia", "South Asia", "AF BD BT IN LK MV NP PK",
  "South Asia|South Asian|Indian subcontinent|SAARC" },
{ "southeast-asia", "Southeast Asia", "BN ID KH LA MM MY PH SG TH TL VN",
  "Southeast Asia|South-East Asia|Southeast Asian|South-East Asian|ASEAN|"
  "Asean" },
{ "southern-africa", "Southern Africa", "AO BW LS MW MZ NA SZ ZA ZM ZW",
  "Southern Africa|southern Africa|SADC" },
{ "sub-saharan-africa", "Sub-Saharan Africa",
  "AO BF BI BJ BW CD CF CG CI CM CV DJ ER ET GA GH GM GN GQ GW KE KM LR LS "
  "MG ML MR MU MW MZ NA NE NG RW SC SL SN SO SS ST SZ TD TG TZ UG YT ZA ZM "
  "ZW",
  "sub-Saharan Africa|sub-Saharan|Subsaharan Africa|Subsaharan" },
{ "west-africa", "West Africa",
  "BF BJ CI CV GH GM GN GW LR ML MR NE NG SL SN TG",
  "West Africa|West African|western Africa|ECOWAS|Ecowas" },
{ "western-europe", "Western Europe",
  "AD AT BE CH DE ES FR GB IE IT LI LU MC NL PT SM VA",
  "western Europe|western European" },
};

/*
 * Weak names: names that are often something else.  A mention of one is
 * judged by the words around it and by the rest of the text; see the rules
 * at the top of match.c.  Every list is '|'-separated, each item one or
 * more words, compared ignoring case.
 *   prev_alt/next_alt    words just before/after that mean the other place
 *                        (counted as alt, e.g. the US for the US state)
 *   prev_none/next_none  ... that mean a person or a thing (no country)
 *   prev_yes/next_yes    ... that confirm the country
 *   doc_yes/doc_alt      words anywhere in the text for one sense or the
 *                        other; doc_yes wins
 */
static const char gz_georgia_alt_next[] =
    "state|governor|governors|Gov|Sen|voters|voter|Senate|House|"
    "legislature|legislators|lawmakers|General Assembly|Tech|State|"
    "Bulldogs|Power|Republicans|Republican|Democrats|GOP|county|counties|"
    "Peach|Secretary of State|secretary of state|runoff|runoffs|primary|"
    "primaries|Supreme Court|Court of Appeals|Aquarium|Southern|Dome|"
    "Attorney General|attorney general|election officials|election official|"
    "poll workers|USA|US|Bureau of Investigation|Department of|sheriff|"
    "schools|school district";

const struct gz_rule_src gz_rule_src[] = {
{ .name = "US", .flags = GZR_SHOUT,
  /* in a line in capitals, "US" after these is the pronoun */
  .prev_none = "let|join|tell|help|give|show|send|contact|follow|email|call|"
      "ask|write|take|make|keep|bring|leave|protect|save|hear|meet|trust|"
      "bless|thank|teach|lead|guide|about|for|with|among|behind|beside|of|"
      "unto|upon|like|without|against|towards|toward|before|after",
  .next_none = "all|both|know|now" },
{ .name = "Georgia", .flags = GZR_PERSON_NEXT | GZR_US_STATE | GZR_DOC_STATES,
  .alt = "US",
  .prev_alt = "Gov|Sen|state of|State of|University of|U.S. state of|"
      "Atlanta|Savannah|Augusta|Macon|Marietta|Alpharetta|Valdosta",
  .next_alt = gz_georgia_alt_next,
  .prev_yes = "Republic of|former Soviet|ex-Soviet",
  .doc_yes = "Tbilisi|Georgian|Georgians|Batumi|Kutaisi|Abkhazia|Ossetia|"
      "Caucasus|Armenia|Armenian|Azerbaijan|Azerbaijani|Saakashvili|"
      "Ivanishvili|Kobakhidze|Zourabichvili|Kavelashvili|Garibashvili",
  .doc_alt = "Atlanta|Savannah|Kemp|Raffensperger|Warnock|Ossoff|Fulton|"
      "Gwinnett|Cobb|Alpharetta|Marietta|Macon|Augusta" },
{ .name = "Washington", .flags = GZR_PERSON_PREV | GZR_US_STATE,
  .alt = "US",
  .prev_none = "George|Denzel|Booker|Martha|Kerry|Harold|Walter|Desmond|"
      "Dinah|Isaiah|Craig|Ellis",
  .prev_alt = "state of|State of|University of|eastern|western|Eastern|"
      "Western|central|Central|Gov|Sen|Seattle|Spokane|Tacoma|Redmond|"
      "Bellevue|Olympia|Yakima|Vancouver|Kirkland|Everett|Renton",
  .next_alt = "state|State|governor|Gov|voters|legislature|State Patrol|"
      "Department of|county|County|Huskies|University|Cougars",
  .next_none = "Nationals|Commanders|Capitals|Wizards|Mystics|Redskins|"
      "Football|Square|Irving|Heights|Mutual|Monthly|Free Beacon",
  .next_yes = "DC",
  .doc_yes = "DC|Congress|Capitol|Pentagon|administration|Beijing|Moscow|"
      "Kremlin|Tehran|Pyongyang|Kyiv|Brussels|sanctions|Treasury|diplomatic|"
      "diplomats|allies",
  .doc_alt = "Seattle|Spokane|Tacoma|Bellevue|Olympia|Yakima|Inslee" },
{ .name = "Jordan", .flags = GZR_PERSON_PREV | GZR_PERSON_NEXT | GZR_SAID,
  .prev_none = "Air|Michael|Barbara|Vernon|Jim|Eddie|DeAndre|Robert|Chris|"
      "Clifford|Neil|Montell|Eddie",
  .next_none = "shoes|sneakers|sneaker|retro|retros|brand",
  .doc_yes = "Amman|Jordanian|Jordanians|Hashemite|Aqaba|Irbid|Zarqa|"
      "Abdullah|Rania",
  .doc_alt = "NBA|Bulls|basketball|Nike|sneakers|Knicks|Lakers|Celtics|"
      "Hornets|Wizards" },
{ .name = "Chad", .flags = GZR_PERSON_PREV | GZR_PERSON_NEXT | GZR_SAID,
  .doc_yes = "Djamena|Ndjamena|Chadian|Chadians|Deby|Sahel|Darfur|Sudan|"
      "Sudanese|Niger|Cameroon|Libya|Nigeria|Africa|African" },
{ .name = "Turkey",
  .prev_none = "a|an|roast|roasted|smoked|wild|stuffed|fried|deep-fried|"
      "Thanksgiving|Christmas|sliced|ground|leftover|cold|whole|frozen|"
      "Butterball|carve|carved",
  .next_none = "sandwich|sandwiches|breast|breasts|burger|burgers|dinner|"
      "dinners|leg|legs|bacon|gravy|Trot|trot|meat|slices|Day|feathers|"
      "hunting|season|recipe|recipes|stuffing",
  .doc_yes = "Ankara|Istanbul|Turkish|Turks|Erdogan|Turkiye|Kurdish|PKK|"
      "Bosphorus|Izmir|Kurds",
  .doc_alt = "Thanksgiving|recipe|recipes|gravy|stuffing|oven|carve|carving|"
      "poultry|feathers|gobble|roasting|brine|brined|cranberry" },
{ .name = "Holland", .flags = GZR_PERSON_PREV,
  .next_none = "Tunnel|America",
  .doc_yes = "Dutch|Amsterdam|Netherlands|Rotterdam|Hague" },
{ .name = "London", .flags = GZR_PERSON_PREV, .next_none = "Breed" },
{ .name = "Berlin", .flags = GZR_PERSON_PREV },
{ .name = "Hague", .flags = GZR_PERSON_PREV },
{ .name = "Dane", .flags = GZR_PERSON_NEXT },
{ .name = "Wellington", .prev_none = "Duke of|duke of",
  .next_none = "boots|boot" },
{ .name = "Paris", .next_none = "Hilton|Jackson", .prev_none = "plaster of" },
{ .name = "Jersey", .flags = GZR_NEED_SUPPORT,
  .next_none = "City|Shore|Devils|Boys|cow|cows|dress|shirt|number",
  .prev_yes = "island of|Bailiwick of|States of|Government of",
  .doc_yes = "Guernsey|Alderney|Sark|Helier|Bailiwick|Channel Islands|"
      "Crown Dependencies|Crown Dependency" },
{ .name = "Guernsey", .flags = GZR_NEED_SUPPORT,
  .prev_yes = "island of|Bailiwick of|States of|Government of",
  .doc_yes = "Jersey|Alderney|Sark|Peter Port|Bailiwick|Channel Islands|"
      "Crown Dependencies|Crown Dependency" },
{ .name = "Indian",
  .next_none = "tribe|tribes|tribal|reservation|reservations|Affairs|"
      "Health Service|casino|casinos" },
{ .name = "Pole", .flags = GZR_NEED_SUPPORT,
  .doc_yes = "Poland|Polish|Warsaw|Poles" },
{ .name = "Tripoli", .next_none = "Lebanon|Lebanese" },
{ .name = "Cayman", .next_none = "Airways" },
};

/* Given names that turn a following weak name into a surname. */
const char gz_first_names[] =
    "Michael|Tom|John|James|David|Robert|William|Richard|Joseph|Thomas|"
    "Charles|Chris|Christopher|Daniel|Matthew|Mark|Paul|Steven|Steve|"
    "Andrew|Kevin|Brian|George|Edward|Jack|Peter|Jason|Ryan|Eric|Adam|"
    "Scott|Justin|Brandon|Tyler|Aaron|Kyle|Michelle|Mary|Jennifer|Linda|"
    "Elizabeth|Sarah|Jessica|Karen|Nancy|Lisa|Emily|Emma|Anna|Laura|Kate|"
    "Katie|Rachel|Amy|Angela|Denzel|Martha|Booker|Irving|Jools|Barbara|"
    "Vernon|Jim|Eddie|Neil|Nick|Sam|Ben|Joe|Dan|Mike|Bob|Bill|Tim|Tony|"
    "Jeff|Greg|Gary|Larry|Frank|Henry|Alex|Max|Oliver|Harry|Charlie|"
    "Lucy|Sophie|Olivia|Grace|Ella|Chloe|Megan|Hannah|Jane|Susan|Julia|"
    "Claire|Helen|Ruth|Ann|Anne|Carol|Diane|Donna|Sandra|Maria|Sofia";

/*
 * Capitalised words that may stand just before a country without making
 * it a surname ("King of Jordan" has "of"; "Hashemite Jordan"), and words
 * that open a sentence before ", Georgia" without being a town.
 */
const char gz_prev_exempt[] =
    "In|To|From|For|With|Of|On|At|By|And|Or|But|Nor|The|A|An|As|Like|"
    "Unlike|While|When|Where|Why|How|What|Which|Who|Whether|If|Neighbouring|"
    "Neighboring|Visit|Visiting|Both|Only|Even|Also|Including|Inside|"
    "Outside|Across|Within|Against|Between|Among|Near|Beyond|After|Before|"
    "Since|Until|Despite|Through|Meanwhile|However|Moreover|Furthermore|"
    "Separately|Similarly|Instead|Still|Yet|Now|Today|Yesterday|Tomorrow|"
    "Earlier|Later|Last|Finally|Additionally|Nevertheless|Indeed|Elsewhere|"
    "Overall|Recently|Currently|Previously|Specifically|Notably|Likewise|"
    "Besides|Thus|Therefore|Hence|Otherwise|Then|Here|There|Again|Already|"
    "Apparently|Initially|Ultimately|First|Second|Third|Yes|No|Well|So|"
    "Northern|Southern|Eastern|Western|Central|North|South|East|West|"
    "Rural|Coastal|Landlocked|Hashemite|King|Queen|Kingdom|Republic|"
    "Democratic|Independent|Modern|Greater|Mainland|Does|Did|Will|Can|"
    "Could|Would|Should|Is|Was|Are|Were|Has|Had|Have|Said|Says|Meet|"
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|"
    "February|March|April|May|June|July|August|September|October|November|"
    "December|Breaking|Update|Exclusive|Analysis|Opinion|Watch|Live|Video|"
    "Photos|Report|Sources|Officials|Authorities|Government|Police";

/*
 * Capitalised words that may follow a country without making it a given
 * name ("Jordan Valley", "Chad President ..."): titles, institutions and
 * place words.
 */
const char gz_next_exempt[] =
    "President|Presidential|Prime|Minister|Ministry|Ministers|Government|"
    "Govt|Army|Armed|Military|Air|Airways|Airlines|Navy|Naval|Foreign|"
    "Defence|Defense|Interior|Embassy|Ambassador|Consulate|Police|"
    "Parliament|Parliamentary|Senate|Congress|King|Queen|Crown|Prince|"
    "Princess|Royal|National|Nationals|Central|Supreme|High|Court|Courts|"
    "Constitutional|Electoral|Election|Elections|Commission|Council|Office|"
    "Department|Times|News|Post|Telecom|Telecommunications|Bank|Banks|"
    "Stock|Exchange|Red|Football|Olympic|Olympics|Federation|Republic|"
    "Kingdom|Valley|River|Basin|Lake|Sea|Cup|Security|Intelligence|Cyber|"
    "Computer|Emergency|Response|Team|Agency|Authority|Customs|Border|"
    "Borders|Coast|Guard|Special|Forces|Mayor|Metropolitan|Capital|City|"
    "Province|Region|Regional|University|Institute|International|Airport|"
    "Port|Energy|Power|Oil|Gas|Petroleum|Water|Health|Education|Finance|"
    "Treasury|Trade|Economy|Economic|Labour|Labor|Justice|Home|Public|"
    "General|Chief|Deputy|Vice|Acting|Opposition|Party|Communist|Islamic|"
    "Muslim|Christian|Arab|Monday|Tuesday|Wednesday|Thursday|Friday|"
    "Saturday|Sunday|January|February|March|April|May|June|July|August|"
    "September|October|November|December|Is|Was|Has|Had|Will|Would|Says|"
    "Said|Becomes|Joins|Signs|Calls|Warns|Urges|Denies|Accuses|Blames|"
    "Rejects|Expels|Closes|Opens|Bans|Seeks|Plans|Votes|Wins|Loses|Faces|"
    "Launches|Hits|Strikes|Attacks|Targets|Tells|Asks|Demands|Agrees|"
    "Imposes|Lifts|Sanctions|Condemns|Welcomes|Hosts|Holds|Declares";

/* Verbs of speech: "said Chad." is a person. */
const char gz_said[] =
    "said|says|asked|added|explained|wrote|recalled|noted|replied|tweeted|"
    "posted|laughed|shouted|admitted|insisted|continued|agreed|joked";

/* "and", "or", "nor": "Georgia and Armenia" joins two mentions. */
const char gz_and_or[] = "and|or|nor";

/* --- the English the word splitter knows (words.c) --- */

/* Sorted: a '.' after these does not end a sentence. */
const char *const gz_no_stop_abbrevs[] = {
	"capt", "co", "col", "corp", "dr", "ft", "gen", "gov", "inc", "jr",
	"lt", "ltd", "mr", "mrs", "ms", "mt", "no", "prof", "rep", "rev", "sen",
	"sgt", "sr", "st", "ste", "vs",
};

/* Sorted: "St. Lucia" is one phrase. */
const char *const gz_joining_abbrevs[] = { "ft", "mt", "st", "ste" };

/* Sorted: lower-case words a Title Case headline keeps lower case. */
const char *const gz_title_small_words[] = {
	"a", "about", "after", "against", "among", "an", "and", "as", "at",
	"before", "between", "but", "by", "during", "for", "from", "in",
	"into", "nor", "of", "off", "on", "onto", "or", "out", "over", "per",
	"since", "than", "the", "through", "to", "toward", "towards", "under",
	"until", "up", "upon", "via", "vs", "with", "within", "without",
};

/* --- regions that are groups (gazetteer_region_is_group) --- */

/* Sorted, for bsearch: political groupings, not parts of the world. */
const char *const gz_group_keys[] = {
	"aukus", "brics", "european-union", "five-eyes", "g20", "g7", "nato",
};

const size_t gz_country_src_n = NELEM(gz_country_src);
const size_t gz_extra_src_n = NELEM(gz_extra_src);
const size_t gz_region_src_n = NELEM(gz_region_src);
const size_t gz_rule_src_n = NELEM(gz_rule_src);
const size_t gz_no_stop_abbrevs_n = NELEM(gz_no_stop_abbrevs);
const size_t gz_joining_abbrevs_n = NELEM(gz_joining_abbrevs);
const size_t gz_title_small_words_n = NELEM(gz_title_small_words);
const size_t gz_group_keys_n = NELEM(gz_group_keys);

/* gazetteer_match_words() marks countries, regions and rules in arrays. */
_Static_assert(NELEM(gz_country_src) <= GAZETTEER_MAX_COUNTRIES,
    "GAZETTEER_MAX_COUNTRIES");
_Static_assert(NELEM(gz_region_src) <= GAZETTEER_MAX_REGIONS,
    "GAZETTEER_MAX_REGIONS");
_Static_assert(NELEM(gz_rule_src) <= GZ_MAX_RULES, "GZ_MAX_RULES");
