/**
 * The interests of the meaning layer, with the words people use when they talk about them.
 * Data, versioned: change anything here and bump MEANING_VERSION in lexicon.ts, so the concepts
 * stored with every secret are recomputed.
 *
 * Cue syntax: words separated by spaces; `a_b` is a phrase; `word:0.5` a weaker cue (ambiguous
 * alone: "beans" may be coffee or a vegetable); `~word` a pain point, wanted away whether or not
 * it is negated ("hates waiting" wants time saved). Cues are stemmed, so "roast" also catches
 * "roasts", "roasted" and "roasting". `a_b:0` is a false friend: the phrase takes its words and says
 * nothing ("sparkling water" is not wine, "Covent Garden" is not gardening).
 */
export interface InterestDef {
  id: string
  label: string
  /** a broader interest: hockey is a sport; a wine lover may take a generic "drinks" surprise */
  parent?: string
  /**
   * for a broad interest: how well one of its kinds stands in for another — a whisky for someone
   * who drinks Negronis, yes (0.4); hockey tickets for a basketball fan, no (none given)
   */
  kin?: number
  cues: string
}

export const DEFS: readonly InterestDef[] = [
  // ——— drinks
  {
    id: 'drinks',
    label: 'drinks',
    kin: 0.4,
    cues: 'alcohol booze liquor drinking:0.5 bar:0.4 pub:0.5 tipple nightcap happy_hour toast:0.3 cheers:0.3',
  },
  {
    id: 'wine',
    label: 'wine',
    parent: 'drinks',
    cues: `wine wines vino winery wineries vineyard vineyards sommelier oenophile pinot pinot_noir pinot_grigio
      merlot cabernet shiraz syrah malbec chardonnay riesling sauvignon rioja chianti barolo brunello
      amarone bordeaux:0.8 burgundy:0.7 champagne prosecco cava zinfandel tempranillo sangiovese grenache
      beaujolais gewurztraminer viognier claret sherry port_wine icewine napa okanagan:0.6 sonoma tuscany:0.4
      decanter wine_cellar sparkling_water:0 sparkling_wine grape:0.5 grapes:0.5 red_wine white_wine rosé_wine sparkling:0.5
      bubbly:0.7 corkscrew`,
  },
  {
    id: 'beer',
    label: 'beer',
    parent: 'drinks',
    cues: `beer beers ale ales lager ipa stout pilsner brewery breweries craft_beer brewpub homebrew
      homebrewing microbrewery hops porter:0.3 brewing:0.6 brewer:0.7 pint:0.6 pints:0.6 oktoberfest`,
  },
  {
    id: 'spirits',
    label: 'whisky and spirits',
    parent: 'drinks',
    cues: `whisky whiskey scotch bourbon rye:0.5 gin rum tequila mezcal cognac brandy vodka single_malt
      distillery distilleries islay speyside`,
  },
  {
    id: 'cocktails',
    label: 'cocktails',
    // made with spirits: a single malt is closer to a Negroni than a beer is
    parent: 'spirits',
    cues: 'cocktail cocktails mixology mixologist martini negroni margarita bartender speakeasy',
  },
  {
    id: 'coffee',
    label: 'coffee',
    cues: `coffee coffees espresso latte lattes cappuccino barista americano macchiato flat_white cortado
      cafe cafes caffeine java:0.6 arabica robusta bean:0.5 beans:0.5 roast:0.5 roaster:0.7 roastery
      brew:0.4 french_press aeropress chemex grinder:0.4 decaf mocha single_origin:0.6`,
  },
  {
    id: 'tea',
    label: 'tea',
    cues: `tea teas matcha oolong earl_grey chai sencha darjeeling assam teapot teahouse herbal_tea
      afternoon_tea high_tea kettle:0.3 infusion:0.3 loose_leaf`,
  },

  // ——— food
  {
    id: 'food',
    label: 'food',
    kin: 0.25,
    cues: 'food foodie gourmet delicacies delicacy tasting:0.5 culinary:0.7',
  },
  {
    id: 'cooking',
    label: 'cooking',
    kin: 0.3,
    parent: 'food',
    cues: `cook cooks cooking chef chefs kitchen recipe recipes culinary cuisine cookbook cookbooks cookware
      knife:0.5 knives:0.5 cast_iron sous_vide dinner_party:0.6 home_cook spices:0.6 spice:0.5 herbs:0.3`,
  },
  {
    id: 'baking',
    label: 'baking',
    parent: 'cooking',
    cues: `bake bakes baking baker bakery bread sourdough pastry pastries cake cakes cupcake cupcakes
      croissant croissants patisserie oven:0.4 great_british_bake_off`,
  },
  {
    id: 'bbq',
    label: 'barbecue',
    parent: 'cooking',
    cues: 'bbq barbecue barbeque grill grilling griller smoker brisket ribs pitmaster smoked_meat',
  },
  {
    id: 'meat',
    label: 'meat',
    parent: 'food',
    cues: 'meat steak steaks beef butcher charcuterie:0.6 bacon jerky brisket:0.6 ribs:0.5 sausage sausages',
  },
  {
    id: 'chocolate',
    label: 'chocolate and sweets',
    parent: 'food',
    cues: `chocolate chocolates cocoa cacao truffle:0.6 truffles:0.6 praline pralines chocolatier
      sweet_tooth candy:0.7 sweets:0.7 dessert:0.5 desserts:0.5 macarons fudge`,
  },
  {
    id: 'cheese',
    label: 'cheese',
    parent: 'food',
    cues: 'cheese cheeses fromage fromagerie brie cheddar gouda camembert parmesan stilton charcuterie:0.5',
  },
  {
    id: 'dining',
    label: 'dining out',
    parent: 'food',
    cues: `restaurant restaurants dining dine diner:0.4 tasting_menu michelin brunch bistro
      date_night:0.5 reservation:0.3 fine_dining steakhouse`,
  },
  {
    id: 'italian',
    label: 'Italy',
    cues: 'italy italian tuscany rome florence venice pasta pizza risotto sicily naples milan gelato',
  },
  {
    id: 'japanese',
    label: 'Japan',
    cues: 'japan japanese sushi ramen sake tokyo kyoto sashimi izakaya matcha:0.4 omakase',
  },
  {
    id: 'french',
    label: 'France',
    cues: 'france french paris provence parisian croissant:0.3 bordeaux:0.3 lyon normandy',
  },
  { id: 'vegan', label: 'plant-based food', parent: 'food', cues: 'vegan plant_based vegetarian:0.8' },
  {
    id: 'mexican',
    label: 'Mexican food',
    // a cuisine: a restaurant serves it
    parent: 'dining',
    cues: `mexican taco tacos burrito burritos quesadilla enchilada enchiladas nachos guacamole salsa:0.6
      tex_mex cantina margaritas:0.4 tortilla tortillas fajitas`,
  },
  {
    id: 'indian',
    label: 'Indian food',
    parent: 'dining',
    cues: 'indian_food indian_restaurant curry curries tikka masala biryani tandoori naan samosa samosas dal:0.5 vindaloo korma',
  },
  {
    id: 'italian_food',
    label: 'Italian food',
    parent: 'dining',
    cues: 'pizza pizzas pizzeria pasta risotto lasagna lasagne gnocchi trattoria carbonara',
  },
  {
    id: 'burgers',
    label: 'burgers and comfort food',
    parent: 'dining',
    cues: `burger burgers cheeseburger cheeseburgers hamburger hamburgers fries hot_dog hot_dogs
      chicken_wings wings:0.4 fried_chicken comfort_food milkshake milkshakes`,
  },

  // ——— sport
  {
    id: 'sport',
    label: 'sport',
    cues: `sport sports athlete athletic stadium arena:0.5 season_tickets:0.6 team:0.3 teams:0.3 coach:0.4
      coaches:0.4 coaching:0.4 league:0.5 playoff playoffs tournament:0.5 game:0.2 games:0.2`,
  },
  {
    id: 'hockey',
    label: 'hockey',
    parent: 'sport',
    cues: `hockey nhl puck pucks rink rinks skate:0.6 skates:0.6 skating:0.5 goalie goaltender peewee:0.8
      bantam:0.7 midget_hockey minor_hockey stanley_cup leafs maple_leafs canucks oilers flames:0.6
      canadiens habs senators:0.5 jets:0.4 bruins blackhawks red_wings rangers:0.3 penguins:0.3
      zamboni faceoff hat_trick:0.6 slapshot`,
  },
  {
    id: 'golf',
    label: 'golf',
    parent: 'sport',
    cues: `golf golfer golfers golfing putt putter putting:0.4 fairway fairways tee:0.6 caddie
      birdie:0.5 handicap:0.5 links:0.3 driving_range pga masters:0.3 clubhouse:0.5
      nine_holes eighteen_holes golf_course pebble_beach st_andrews augusta_national ryder_cup`,
  },
  {
    id: 'soccer',
    label: 'soccer',
    parent: 'sport',
    cues: `soccer football:0.5 fifa premier_league mls striker goalkeeper futbol world_cup:0.7 arsenal:0.6
      liverpool:0.4 manchester_united chelsea:0.3 tottenham barcelona:0.4 real_madrid`,
  },
  {
    id: 'football',
    label: 'football',
    parent: 'sport',
    cues: 'football:0.5 nfl cfl quarterback touchdown super_bowl grey_cup tailgate tailgating',
  },
  {
    id: 'baseball',
    label: 'baseball',
    parent: 'sport',
    cues: `baseball mlb blue_jays jays:0.8 yankees red_sox dodgers cubs pitcher inning innings ballpark
      softball world_series`,
  },
  {
    id: 'basketball',
    label: 'basketball',
    parent: 'sport',
    cues: 'basketball nba wnba raptors lakers celtics knicks warriors:0.4 hoops dunk march_madness',
  },
  {
    id: 'tennis',
    label: 'tennis',
    parent: 'sport',
    cues: 'tennis wimbledon racket racquet:0.6 racket_sports racquet_sports padel:0.7 pickleball:0.6 badminton:0.5 squash:0.4 us_open:0.6',
  },
  {
    id: 'running',
    label: 'running',
    parent: 'sport',
    cues: `running runner runners marathon marathons jog jogging half_marathon ultramarathon 5k 10k parkrun
      trail_running triathlon:0.6 run:0.4 runs:0.4 ran:0.3`,
  },
  {
    id: 'cycling',
    label: 'cycling',
    parent: 'sport',
    cues: `cycling cyclist cyclists bike bikes bicycle biking peloton tour_de_france gravel_bike
      mountain_bike mountain_biking road_bike spin_class:0.5 biker bikers cycles:0.8 cycle:0.6`,
  },
  {
    id: 'skiing',
    label: 'skiing',
    parent: 'sport',
    cues: `ski skis skiing skier skiers snowboard snowboarding snowboarder slopes whistler:0.6 apres chairlift
      powder:0.3 backcountry:0.4 ski_chalet`,
  },
  {
    id: 'fitness',
    label: 'fitness',
    parent: 'sport',
    cues: `gym workout workouts fitness crossfit pilates weightlifting weights:0.5 personal_trainer
      spin_class bootcamp treadmill treadmills exercise:0.6 exercises:0.6 training:0.3 strength:0.2`,
  },
  {
    id: 'yoga',
    label: 'yoga and mindfulness',
    cues: 'yoga yogi meditation meditate meditates mindfulness mindful retreat:0.4 zen:0.5',
  },
  {
    id: 'swimming',
    label: 'swimming',
    parent: 'sport',
    cues: 'swim swims swimming swimmer pool:0.4 open_water lap:0.3 laps:0.4',
  },
  {
    id: 'sailing',
    label: 'boating',
    parent: 'watersports',
    cues: `sail sails sailing sailor sailboat boat boats boating yacht yachting kayak kayaking canoe
      canoeing paddleboard paddleboarding paddle:0.5 rowing regatta marina`,
  },
  {
    id: 'fishing',
    label: 'fishing',
    parent: 'outdoors',
    cues: `fishing fisherman angler anglers angling fly_fishing fly_fisherman trout salmon:0.4 bass:0.3
      tackle:0.6 lure lures rod_and_reel fish:0.4`,
  },
  {
    id: 'horses',
    label: 'horses',
    parent: 'sport',
    cues: 'horse horses riding:0.5 equestrian pony ponies dressage stable:0.3 showjumping horseback',
  },
  {
    id: 'skateboarding',
    label: 'skateboarding',
    parent: 'sport',
    cues: 'skateboard skateboards skateboarding skateboarder skateboarders skatepark skate_park longboard',
  },

  // ——— outdoors
  { id: 'outdoors', label: 'the outdoors', cues: 'outdoors outdoor outdoorsy nature wilderness fresh_air' },
  {
    id: 'watersports',
    label: 'water sports',
    parent: 'outdoors',
    cues: `watersports water_sports water_sport surfing surf surfer surfers snorkel snorkelling snorkeling
      scuba diver divers dive:0.5 dives:0.5 diving:0.5 windsurfing kitesurfing wakeboarding
      jet_ski waterskiing bodyboarding`,
  },
  {
    id: 'wildlife',
    label: 'wildlife',
    parent: 'outdoors',
    cues: `wildlife safari safaris game_drive lions:0.6 elephants:0.6 gorillas whale_watching nature_reserve
      national_geographic:0.6`,
  },
  {
    id: 'hiking',
    label: 'hiking',
    parent: 'outdoors',
    cues: `hike hikes hiking hiker hikers trail:0.6 trails:0.6 trek trekking backpacking summit:0.4
      mountain:0.5 mountains:0.5 national_park national_parks rockies alps:0.6 bruce_trail`,
  },
  {
    id: 'camping',
    label: 'camping',
    parent: 'outdoors',
    cues: `camp:0.6 camping camper campers tent tents campfire campsite rv glamping cottage:0.4 cabin:0.4
      canoe_trip`,
  },
  {
    id: 'birding',
    label: 'birdwatching',
    parent: 'outdoors',
    cues: `bird:0.6 birds:0.6 birding birdwatching birdwatcher birder ornithology binoculars:0.6 warbler
      owls:0.5 hummingbird hummingbirds bird_feeder`,
  },
  {
    id: 'gardening',
    label: 'gardening',
    parent: 'outdoors',
    cues: `garden gardens gardening gardener plants:0.6 plant:0.4 roses:0.6 seeds:0.4 greenhouse orchid
      orchids succulents bonsai houseplants allotment vegetable_garden compost tomatoes:0.4 perennials
      green_thumb flower_beds runner_beans`,
  },
  {
    id: 'flowers',
    label: 'flowers',
    cues: 'flowers flower bouquet bouquets florist roses:0.6 tulips peonies lilies orchids:0.5 blooms',
  },
  {
    id: 'stargazing',
    label: 'astronomy',
    cues: `astronomy telescope stargazing planetarium stars:0.4 space:0.3 nasa astronaut planets constellations
      northern_lights aurora eclipse meteor_shower night_sky milky_way`,
  },
  {
    id: 'adventure',
    label: 'adventure',
    cues: `adventure adventurous adrenaline thrill thrills skydiving bungee zipline ziplining hot_air_balloon
      rock_climbing climbing:0.6 climber bouldering rafting heights:0.6 paragliding scuba diving:0.5`,
  },

  // ——— culture
  {
    id: 'music',
    label: 'music',
    kin: 0.35,
    cues: `music musician musical:0.4 band:0.5 bands:0.5 concert concerts gig gigs live_music festival:0.4
      vinyl records:0.4 record_player turntable guitar guitarist piano pianist violin cello drums drummer
      saxophone sing singing singer choir album albums playlist:0.5 songwriter`,
  },
  {
    id: 'jazz',
    label: 'jazz',
    parent: 'music',
    cues: 'jazz blues_music blues_bar jazz_club saxophone:0.5 miles_davis coltrane swing:0.3 bebop',
  },
  {
    id: 'classical',
    label: 'classical music',
    parent: 'music',
    cues: `classical_music symphony symphonies orchestra opera operas philharmonic mozart beethoven bach
      chamber_music concerto composer:0.6 classical:0.6 classic:0 covent_garden royal_opera_house`,
  },
  {
    id: 'theatre',
    label: 'theatre',
    cues: `theatre theater theatres broadway west_end musicals musical:0.5 ballet shakespeare playhouse
      stage:0.3 play:0.2 plays:0.2 dance:0.4 stratford:0.6`,
  },
  {
    id: 'art',
    label: 'art',
    cues: `art arts artist artists painting paintings painter paints:0.5 gallery galleries museum museums
      sculpture watercolour watercolor watercolours canvas exhibition exhibitions impressionist picasso
      monet van_gogh sketching drawing:0.5 ceramics:0.5`,
  },
  {
    id: 'photography',
    label: 'photography',
    cues: 'photography photographer photographs camera cameras photo:0.5 photos:0.5 lens lenses dslr film_camera',
  },
  {
    id: 'crafts',
    label: 'crafts',
    cues: `knit knits knitting knitter crochet sewing quilting quilt quilts yarn pottery ceramics woodworking
      woodworker carpentry diy:0.6 craft:0.5 crafts crafting embroidery scrapbooking maker:0.3`,
  },
  {
    id: 'books',
    label: 'books',
    cues: `book:0.7 books:0.6 read:0.5 reads:0.5 reading reader novel novels author authors library:0.5 bookworm
      kindle audiobook audiobooks poetry poems biography biographies literature bookstore bookshop
      bookshops book_club mystery:0.3 thrillers:0.4 fiction signed_copy`,
  },
  {
    id: 'history',
    label: 'history',
    cues: `history historian historical medieval archaeology antique antiques:0.6 heritage:0.5 civil_war
      world_war ww2 wwii castles museum:0.3 genealogy ancestry`,
  },
  {
    id: 'film',
    label: 'film',
    cues: `film films movie movies cinema cinemas netflix:0.5 oscars screening:0.6 documentary documentaries
      film_festival tiff cinephile`,
  },
  {
    id: 'tv',
    label: 'TV series',
    cues: `tv television box_set boxset box_sets binge binge_watches binge_watching dramas:0.6 drama:0.4
      series:0.4 sitcoms streaming:0.5 hbo k_drama`,
  },
  {
    id: 'gaming',
    label: 'video games',
    cues: 'video_game video_games gaming gamer playstation xbox nintendo esports console:0.5 zelda minecraft',
  },
  {
    id: 'games',
    label: 'games and puzzles',
    cues: `board_game board_games boardgames chess puzzle puzzles jigsaw crossword crosswords scrabble
      sudoku poker:0.5 bridge:0.2 catan card_games trivia`,
  },
  { id: 'comedy', label: 'comedy', cues: 'comedy comedian comedians improv comedy_club sitcom' },

  // ——— life
  {
    id: 'travel',
    label: 'travel',
    cues: `travel travels travelling traveling traveller traveler trip trips vacation vacations holiday:0.4
      holidays:0.4 abroad passport flight:0.5 flights:0.5 flying:0.5 flyer:0.5 airport:0.4 airline:0.5
      luggage suitcase wanderlust cruise cruises jet_lag frequent_flyer lounge:0.4 backpacker`,
  },
  {
    id: 'spa',
    label: 'pampering',
    cues: `spa spas massage massages facial sauna relax:0.6 relaxation:0.7 relaxing:0.6 pamper pampering
      wellness manicure pedicure aromatherapy self_care bath:0.4 bubble_bath candles:0.4 ~stressed:0.4
      ~stress:0.4 ~burnout:0.4 ~burning:0.5 ~burnt:0.5 ~burned:0.4 ~exhausted:0.4 ~overworked:0.4
      unwind`,
  },
  {
    id: 'fashion',
    label: 'style',
    cues: `fashion fashionable style:0.5 stylish designer:0.4 clothes clothing wardrobe outfit outfits boutique:0.4
      shoes sneakers sneakerhead handbag handbags scarf scarves tie:0.3 ties:0.3 dresses:0.5 suits:0.4
      tailored:0.5 tailor:0.5 cashmere`,
  },
  {
    id: 'jewellery',
    label: 'jewellery',
    parent: 'fashion',
    cues: `jewellery jewelry jeweller earrings necklace necklaces bracelet bracelets pearls pendant
      cufflinks wristwatch wristwatches timepiece horology rolex`,
  },
  {
    id: 'outdoor_gear',
    label: 'outdoor gear',
    parent: 'outdoors',
    cues: `gear:0.5 boots:0.6 hiking_boots jacket:0.4 jackets:0.4 rain_jacket parka fleece merino base_layer
      backpack:0.5 headlamp thermos:0.5 waterproof:0.5`,
  },
  {
    id: 'warmth',
    label: 'keeping warm',
    cues: '~cold:0.4 ~chilly ~freezing winter:0.3 warm:0.3 cosy cozy blanket blankets wool:0.5',
  },
  {
    id: 'tech',
    label: 'gadgets',
    cues: `gadget gadgets tech:0.7 technology techie smartphone iphone android drone drones headphones earbuds
      smart_home early_adopter computer:0.5 computers:0.5 coding programmer programming electronics`,
  },
  {
    id: 'cars',
    label: 'cars',
    cues: `car:0.4 cars classic_car classic_cars vintage_car porsche ferrari formula f1 racing:0.5
      motorsport nascar mustang corvette motorcycle motorcycles motorbike harley road_trip:0.5
      vw_golf volkswagen_golf golf_gti
      detailing driving:0.3`,
  },
  {
    id: 'pets',
    label: 'pets',
    cues: `pet pets vet:0.3 animal_lover animals:0.5 animal:0.4 pet_owner aquarium tropical_fish goldfish fish_tank
      hamster rabbit:0.6 guinea_pig parrot budgie tortoise`,
  },
  {
    id: 'dogs',
    label: 'dogs',
    parent: 'pets',
    cues: `dog dogs puppy puppies pup labrador retriever poodle terrier spaniel beagle corgi golden_retriever
      dachshund husky collie doodle greyhound dog_walks labradoodle goldendoodle cockapoo
      cavapoo schnauzer shih_tzu pug bulldog french_bulldog boxer:0.4 rottweiler shepherd:0.4 german_shepherd
      border_collie jack_russell whippet vizsla weimaraner chihuahua yorkie dalmatian sheepdog`,
  },
  { id: 'cats', label: 'cats', parent: 'pets', cues: 'cat cats kitten kittens feline siamese' },
  {
    id: 'kids',
    label: 'the children',
    cues: `kids children child son:0.5 sons:0.5 daughter:0.5 daughters:0.5 toddler toddlers teenager:0.5 teens:0.5 family:0.3 stepson:0.5
      stepdaughter:0.5 nephew:0.4 niece:0.4 school:0.2`,
  },
  {
    id: 'grandchildren',
    label: 'the grandchildren',
    parent: 'kids',
    cues: `grandchildren grandchild grandkids grandson:0.6 grandsons:0.6 granddaughter:0.6 granddaughters:0.6
      grandfather:0.6 grandmother:0.6 grandparent:0.6 grandparents:0.6 grandpa:0.6 grandma:0.6 grandad:0.6
      granny:0.6 nana:0.4`,
  },
  {
    id: 'baby',
    label: 'the new baby',
    parent: 'kids',
    cues: `baby babies newborn newborns twins:0.7 triplets expecting:0.6 nursery:0.6 baby_shower christening
      due_date:0.5 maternity_leave paternity_leave parental_leave`,
  },
  {
    id: 'romance',
    label: 'the anniversary',
    cues: `anniversary anniversaries wedding honeymoon engaged engagement:0.5 romantic romance date_night
      valentine valentines marriage married:0.5 wedding_anniversary spouse:0.2 wife:0.2 husband:0.2 partner:0.1 proposal:0.4 proposing`,
  },
  {
    id: 'celebration',
    label: 'the celebration',
    cues: `birthday birthdays celebrate celebrating celebration party:0.5 milestone:0.6 retirement retiring
      graduation graduating promotion:0.5 promoted:0.5 housewarming`,
  },
  {
    id: 'home',
    label: 'the home',
    cues: `home_decor decor interior interiors interior_design renovation renovating renovate furniture
      moving_house housewarming hygge cushions:0.5 candles:0.3`,
  },
  {
    id: 'learning',
    label: 'learning',
    cues: `learn:0.6 learning:0.6 course:0.4 courses:0.4 class:0.3 classes:0.3 workshop:0.4 workshops:0.4
      lessons:0.5 language:0.4 languages:0.5 masterclass lecture lectures podcast:0.4 podcasts:0.4
      spanish:0.4 mandarin:0.4 curious:0.3 studying:0.4 degree:0.3`,
  },

  // ——— causes
  {
    id: 'charity',
    label: 'a cause they support',
    kin: 0.4,
    cues: `charity charities volunteer volunteers volunteering donate donates donating donation donations
      fundraiser fundraising nonprofit non_profit philanthropy soup_kitchen cause:0.4 causes:0.4 food_bank shelter:0.4
      habitat_for_humanity give_back giving_back`,
  },
  {
    id: 'hunger',
    label: 'feeding people in need',
    parent: 'charity',
    cues: 'soup_kitchen soup_kitchens food_bank food_banks food_drive meals_on_wheels homeless:0.6 homelessness hunger',
  },
  {
    id: 'team',
    label: 'treating the team',
    cues: `team_lunch office_lunch catering pizza_party whole_office:0.7 whole_team:0.7 office_party
      staff_party team_building potluck`,
  },
  {
    id: 'animal_welfare',
    label: 'animal welfare',
    parent: 'charity',
    cues: 'animal_shelter animal_rescue rescue_dog rescue:0.5 rescued:0.5 spca humane_society wildlife:0.6 adopted_dog',
  },
  {
    id: 'environment',
    label: 'the environment',
    parent: 'charity',
    cues: `environment environmental climate sustainability sustainable green:0.3 recycle recycling zero_waste
      eco:0.7 planet:0.5 trees:0.5 tree_planting conservation ocean:0.4 oceans:0.4 plastic:0.4 carbon
      reforestation electric_car:0.4 bees:0.5`,
  },
  {
    id: 'community',
    label: 'the community',
    parent: 'charity',
    cues: `community:0.6 local_school literacy scholarship scholarships youth:0.4 hometown:0.4 neighbourhood:0.4
      neighborhood:0.4 local_team:0.5`,
  },

  // ——— how they like to be treated
  {
    id: 'convenience',
    label: 'saving them time',
    cues: `busy:0.6 hectic:0.6 ~waiting:0.6 ~wait:0.4 ~queue:0.6 ~queues:0.6 ~lineups:0.6
      impatient:0.6 ~rushing:0.5 rushed:0.5 schedule:0.4 deadlines:0.3 efficient:0.5 efficiency:0.5 fast:0.3
      quick:0.3 express:0.5 priority:0.5 pickup:0.4 delivery:0.3 delivered:0.3 ~hassle:0.5 convenience
      convenient:0.6 ~delays:0.5 ~delay:0.4`,
  },
  {
    id: 'recognition',
    label: 'being recognised',
    cues: `recognition recognised recognized praise praised:0.8 proud:0.5 pride:0.5 award awards acknowledged acknowledgement
      appreciated:0.6 appreciation:0.6 vip:0.6 exclusive:0.5 status:0.3 prestige prestigious name_engraved
      personal_touch:0.6 handwritten:0.6 insider:0.5 preview:0.4`,
  },
  {
    id: 'dietary',
    label: 'dietary needs',
    cues: `allergy allergies allergic nut_allergy peanut_allergy gluten_free gluten coeliac celiac intolerance
      intolerant lactose_intolerant dairy_free halal kosher nuts:0.3`,
  },

  // ——— an organisation's needs (the source's organisational secrets)
  {
    id: 'stock',
    label: 'stock and supply',
    cues: `stock:0.6 stocks:0.4 stockout stockouts out_of_stock shortage shortages runs_low run_low runs_out
      run_out backorder backorders inventory supply:0.5 supplies:0.5 allocation:0.5 allocations:0.5
      lead_time lead_times sells_out sell_out sold_out short_of supplier:0.5 suppliers:0.5`,
  },
  {
    id: 'payments',
    label: 'cash flow and payment',
    cues: `cash_flow cashflow late_payment late_payments pays_late pay_late invoice:0.5 invoices:0.5
      payment:0.5 payments:0.5 overdue credit_terms payment_terms margin:0.7 margins squeezed:0.4
      costs:0.4 prices:0.3 cash:0.6 cash_is_tight tight_cash_flow pays_at:0.6 paid_at:0.5 net_60 net_90`,
  },
  {
    id: 'quality',
    label: 'quality problems',
    cues: `quality defect defects defective faulty damaged broken:0.5 recall recalls contamination
      complaint:0.5 complaints:0.5 complains:0.5 returns:0.3 errors:0.4 mistakes:0.4`,
  },
  {
    id: 'diversity',
    label: 'diversity and inclusion',
    cues: `diversity diverse:0.6 inclusion inclusive equity:0.6 women_in equal_pay representation:0.5
      minorities apprenticeship:0.3`,
  },
]

/** What a customer would not want, whatever the rest says: a vegan and a steak box. */
export const AVOIDS: Record<string, string[]> = {
  vegan: ['meat', 'cheese'],
  vegetarian: ['meat'],
  sober: ['drinks'],
  teetotal: ['drinks'],
  teetotaler: ['drinks'],
  teetotaller: ['drinks'],
  sobriety: ['drinks'],
  lactose: ['cheese'],
}
