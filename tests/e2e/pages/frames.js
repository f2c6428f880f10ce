// The second frame comes from another origin: localhost instead of 127.0.0.1, same server.
const cross = new URL('mexc-news.html?frame=cross', location.href);
cross.hostname = cross.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
document.getElementById('cross').src = cross.href;
