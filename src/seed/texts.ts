/** Dutch sample texts for the seeded goals, reflections and conversations (data, not interface). */
import type { goalCategories } from '../domain/enums.ts';

export const goalTitles: Record<(typeof goalCategories)[number], readonly string[]> = {
  vak: [
    'Ik haal voor wiskunde een voldoende op de volgende toets',
    'Ik lees elke week een Engelse tekst en schrijf er een samenvatting van',
    'Ik oefen de Franse woordjes drie keer per week',
    'Ik maak mijn verslag voor biologie op tijd af',
  ],
  leerstrategie: [
    'Ik maak voor elke toets een planning',
    'Ik kijk na elke toets terug wat goed ging en wat beter kan',
    'Ik vat elk hoofdstuk samen in een schema',
  ],
  'executieve-functie': [
    'Ik zet mijn huiswerk elke dag in mijn agenda',
    'Ik begin op tijd aan grote opdrachten',
    'Ik houd mijn tas en kluisje op orde',
  ],
  'sociaal-emotioneel': [
    'Ik durf in de klas een vraag te stellen',
    'Ik zeg het op tijd als iets me dwarszit',
    'Ik werk in groepjes samen met klasgenoten die ik minder ken',
  ],
  talent: [
    'Ik doe mee aan de wiskunde-olympiade',
    'Ik schrijf een stuk voor de schoolkrant',
    'Ik geef bijles aan een eersteklasser',
  ],
};

export const wentWellTexts = [
  'Ik heb mijn planning goed gevolgd.',
  'De toets van Engels ging beter dan ik dacht.',
  'Ik heb in de les meer vragen gesteld.',
  'Samenwerken aan het project ging goed.',
  'Ik heb elke dag mijn huiswerk gemaakt.',
  'Ik begreep de uitleg van wiskunde deze week.',
] as const;

export const nextStepTexts = [
  'Volgende week begin ik eerder met leren.',
  'Ik ga mijn mentor vragen om hulp bij plannen.',
  'Ik wil de woordjes vaker herhalen.',
  'Ik maak een samenvatting van hoofdstuk 4.',
  'Ik ga de opdracht in kleinere stukken verdelen.',
] as const;

export const conversationSummaries = [
  'Doelen besproken; planning loopt beter.',
  'Gesproken over motivatie en de komende toetsweek.',
  'Terugblik op de afgelopen weken; nieuwe afspraken gemaakt.',
  'Voortgang van de doelen besproken; leerling is tevreden.',
] as const;
