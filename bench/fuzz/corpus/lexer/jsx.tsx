export const El = () => <div className="a" {...p}>it's {`x ${y}`} <br/></div>;
