who condemned Wagner
